using AutoScaling.Policies;

namespace AutoScaling.Core.Tests.Policies.Predictive;

public class PredictivePolicyTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static PredictivePolicyOptions Options(Action<PredictivePolicyOptions>? configure = null)
    {
        var o = new PredictivePolicyOptions { Metric = "rps", TargetPerInstance = 10, StartupTime = TimeSpan.FromMinutes(5), Buffer = TimeSpan.FromMinutes(5) };
        configure?.Invoke(o);
        return o;
    }

    [Fact]
    public void Recovers_the_period_and_amplitude_of_a_daily_sine()
    {
        // 100 ± 50 req/s, peak at 06:00, no noise; three days to learn, then the fourth day's forecasts are read back.
        var h = new PredictiveHarness(new PredictivePolicy(Options()), Minute);
        h.Run(TimeSpan.FromDays(3), t => PredictiveHarness.Daily(t, 100, 50));
        double max = double.MinValue, min = double.MaxValue;
        var peakAt = TimeSpan.Zero;
        while (h.Now - PredictiveHarness.Start < TimeSpan.FromDays(4))
        {
            h.Step(PredictiveHarness.Daily(h.Now - PredictiveHarness.Start, 100, 50));
            var f = h.Policy.GetForecast();
            Assert.True(f.Ready);
            if (f.Value!.Value > max)
            {
                max = f.Value.Value;
                peakAt = f.ForecastFor!.Value - PredictiveHarness.Start;
            }

            min = Math.Min(min, f.Value.Value);
        }

        // Tolerances: amplitude within 5 %, the peak within 15 minutes of 06:00 (5-minute buckets hold the mean of their span).
        Assert.InRange((max - min) / 2, 47.5, 52.5);
        Assert.InRange(Math.Abs((peakAt - TimeSpan.FromDays(3.25)).TotalMinutes), 0, 15);
        Assert.InRange(h.Policy.GetForecast().MapePercent!.Value, 0, 2);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.5)]
    public void Band_holds_the_confidence_share_of_noisy_values(double confidence)
    {
        // A daily sine with Gaussian noise (σ = 8) on each 5-minute bucket mean; ten days.
        var random = new Random(7);
        var h = new PredictiveHarness(new PredictivePolicy(Options(o => { o.Confidence = confidence; o.Bucket = TimeSpan.FromMinutes(5); })), TimeSpan.FromMinutes(5));
        h.Run(TimeSpan.FromDays(10), t => PredictiveHarness.Daily(t, 200, 60) + (8 * Gaussian(random)));
        var coverage = h.Policy.GetForecast().CoveragePercent!.Value / 100;
        Assert.InRange(coverage, confidence - 0.05, confidence + 0.05);
    }

    [Fact]
    public void Abstains_without_raising_the_count_until_a_day_of_history()
    {
        var h = new PredictiveHarness(new PredictivePolicy(Options()), Minute);
        for (var i = 0; i < 1435; i++)
        {
            var r = h.Step(500, current: 3);
            Assert.Equal(0, r.DesiredInstances);
            Assert.Equal(RecommendationValidity.Complete, r.Validity); // not NoData: the engine would then block the reactive policy's scale-down
            Assert.False(h.Policy.GetForecast().Ready);
        }

        h.Run(TimeSpan.FromDays(1.01), _ => 500);
        var ready = h.Step(500, current: 3);
        Assert.True(h.Policy.GetForecast().Ready);
        Assert.Equal(50, ready.DesiredInstances); // 500 / 10, the band is 0 wide on a constant load
        Assert.Equal(ScalingReason.ScaleUp, ready.Reason);
    }

    [Fact]
    public void Forecast_only_reports_but_never_votes_for_capacity()
    {
        var h = new PredictiveHarness(new PredictivePolicy(Options(o => o.Mode = PredictiveMode.ForecastOnly)), Minute);
        h.Run(TimeSpan.FromDays(2), t => PredictiveHarness.Daily(t, 100, 50));
        var r = h.Step(100, current: 2);
        Assert.Equal(0, r.DesiredInstances);
        var f = h.Policy.GetForecast();
        Assert.True(f.ForecastOnly);
        Assert.True(f.Ready);
        Assert.True(f.Instances > 2);
    }

    [Fact]
    public void Known_event_multiplies_the_forecast_in_its_window_only()
    {
        var eventStart = PredictiveHarness.Start + TimeSpan.FromDays(2) + TimeSpan.FromHours(12);
        var plain = new PredictiveHarness(new PredictivePolicy(Options()), Minute);
        var sale = new PredictiveHarness(new PredictivePolicy(Options(o => o.Events.Add(new PredictiveEvent { Start = eventStart, End = eventStart.AddHours(2), Multiplier = 2 }))), Minute);
        foreach (var h in new[] { plain, sale })
        {
            h.Run(TimeSpan.FromDays(2.5) - TimeSpan.FromMinutes(30), _ => 300);
        }

        // Before the window (horizon 10 minutes): the same forecast.
        Assert.Equal(plain.Step(300).DesiredInstances, sale.Step(300).DesiredInstances);

        // Within the horizon of the window: twice the capacity, before the load arrives.
        while (plain.Now < eventStart - TimeSpan.FromMinutes(10))
        {
            plain.Step(300);
            sale.Step(300);
        }

        var before = plain.Step(300);
        var raised = sale.Step(300);
        Assert.Equal(30, before.DesiredInstances);
        Assert.Equal(60, raised.DesiredInstances);
        Assert.Equal(600, sale.Policy.GetForecast().Value!.Value, 6);

        // During the window the doubled load is learned as the baseline (divided by the multiplier), so after it the forecast is back to 300.
        while (sale.Now < eventStart.AddHours(2))
        {
            sale.Step(sale.Now < eventStart ? 300 : 600);
        }

        Assert.Equal(30, sale.Step(300).DesiredInstances);
    }

    [Fact]
    public void An_outage_of_zeros_leaves_the_daily_season_intact()
    {
        // Four days of a daily sine, then 38 hours of zeros (as NASA's August outage), then the sine again.
        var h = new PredictiveHarness(new PredictivePolicy(Options()), Minute);
        var outage = (From: TimeSpan.FromDays(4), To: TimeSpan.FromDays(4) + TimeSpan.FromHours(38));
        h.Run(outage.To, t => t >= outage.From ? 0 : PredictiveHarness.Daily(t, 100, 50));
        h.Run(outage.To + TimeSpan.FromMinutes(30), t => PredictiveHarness.Daily(t, 100, 50));
        for (var i = 0; i < 240; i++)
        {
            var t = h.Now - PredictiveHarness.Start;
            h.Step(PredictiveHarness.Daily(t, 100, 50));
            var f = h.Policy.GetForecast();
            var truth = PredictiveHarness.Daily(f.ForecastFor!.Value - PredictiveHarness.Start, 100, 50);
            Assert.InRange(f.Value!.Value, truth - 10, truth + 10);
        }
    }

    [Fact]
    public void Missing_samples_are_gaps_not_zeros()
    {
        var h = new PredictiveHarness(new PredictivePolicy(Options()), Minute);
        h.Run(TimeSpan.FromDays(2), _ => 200);
        for (var i = 0; i < 120; i++)
        {
            Assert.Equal(0, h.Step(double.NaN, current: 20).DesiredInstances); // an invalid sample never votes
        }

        Assert.Equal(20, h.Step(200, current: 20).DesiredInstances);
        Assert.Equal(200, h.Policy.GetForecast().Value!.Value, 6);
    }

    [Fact]
    public void Deciding_allocates_nothing()
    {
        var policy = new PredictivePolicy(Options());
        string[] names = ["rps"];
        var samples = new MetricSample[1];
        var now = PredictiveHarness.Start;
        var bytes = PolicyTestKit.AllocatedBytes(
            () =>
            {
                now += TimeSpan.FromMinutes(1); // crosses a bucket every 5 calls and initializes the model after a day
                samples[0] = MetricSample.Valid(100 + (now.Minute % 7), now);
                var context = new ScalingContext("g", now, 3, 3, 0, names, samples);
                return policy.Recommend(in context).DesiredInstances;
            },
            calls: 20_000);
        Assert.Equal(0, bytes);
        Assert.True(policy.GetForecast().Ready);
    }

    [Fact]
    public void Reported_accuracy_covers_the_last_window_only()
    {
        // Three clean days, six hours of a load jumping between 3× and 0.3× each bucket (no model follows that), then two clean days.
        var h = new PredictiveHarness(new PredictivePolicy(Options(o => o.AccuracyWindow = TimeSpan.FromDays(1))), Minute);
        h.Run(TimeSpan.FromDays(3), t => PredictiveHarness.Daily(t, 200, 60));
        var clean = h.Policy.GetForecast();
        h.Run(TimeSpan.FromDays(3.25), t => ((int)(t.TotalMinutes / 5) % 2 == 0 ? 3 : 0.3) * PredictiveHarness.Daily(t, 200, 60));
        var off = h.Policy.GetForecast();
        h.Run(TimeSpan.FromDays(5.25), t => PredictiveHarness.Daily(t, 200, 60));
        var after = h.Policy.GetForecast();

        Assert.Equal(288, clean.Scored); // a day of 5-minute buckets, not the two days scored since the warm-up
        Assert.InRange(clean.MapePercent!.Value, 0, 2);
        Assert.True(off.MapePercent > 10, $"MAPE after the jumps {off.MapePercent}");
        Assert.Equal(288, after.Scored);
        Assert.True(after.MapePercent < clean.MapePercent + 1, $"MAPE two days after the jumps {after.MapePercent}, before them {clean.MapePercent}");
    }

    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
