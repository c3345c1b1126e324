using AutoScaling.InMemory;
using AutoScaling.Policies;
using AutoScaling.Testing;
using AutoScaling.Tests.Controller;

namespace AutoScaling.Core.Tests.Policies.Predictive;

public class MetricHistoryTests
{
    // 11:45 on the manual clock: the daily peak (12:00–13:00) starts within the horizon (10 min start-up + 5 min buffer).
    private static readonly DateTimeOffset Now = new(2026, 1, 8, 11, 45, 0, TimeSpan.Zero);

    /// <summary>100 req/s, 400 req/s from 12:00 to 13:00 every day.</summary>
    private static double Load(DateTimeOffset t) => t.Hour == 12 ? 400 : 100;

    [Fact]
    public async Task A_day_of_history_ends_the_warm_up_before_the_first_tick_and_forecasts_the_peak()
    {
        var loader = new DaysOfHistory(days: 1);
        using var h = Harness(g => g.UseMetricHistory("rps", _ => loader));

        var decision = await h.TickAsync();

        Assert.Equal(("web", "rps", Now), (loader.Group, loader.Metric, loader.Now));
        var forecast = Assert.Single(h.Control.GetStatus("web").Forecasts);
        Assert.True(forecast.Ready);
        Assert.InRange(forecast.Value!.Value, 200, 500); // toward the 400 peak (one day blends it), far above the current 100
        Assert.True(decision!.Value.DesiredInstances >= 25, $"desired {decision.Value.DesiredInstances}");
    }

    [Fact]
    public async Task Without_history_the_policy_warms_up()
    {
        using var h = Harness(_ => { });

        var decision = await h.TickAsync();

        Assert.False(Assert.Single(h.Control.GetStatus("web").Forecasts).Ready);
        Assert.Equal(10, decision!.Value.DesiredInstances); // target tracking alone: 100 req/s at 10 per instance
    }

    [Fact]
    public async Task A_failing_loader_is_logged_and_the_policy_learns_from_its_samples()
    {
        using var h = Harness(g => g.UseMetricHistory("rps", _ => new FailingHistory()));

        var decision = await h.TickAsync();

        Assert.False(Assert.Single(h.Control.GetStatus("web").Forecasts).Ready);
        Assert.Equal(10, decision!.Value.DesiredInstances);
        Assert.Null(h.Control.GetStatus("web").LastError);
    }

    private static GroupHarness Harness(Action<IScalingGroupBuilder> history)
    {
        var rps = new SettableMetricSource();
        rps.Set(100);
        return GroupHarness.Create(
            g =>
            {
                g.UseMetric("rps", rps)
                    .UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 10; })
                    .UsePredictive(p =>
                    {
                        p.Metric = "rps";
                        p.TargetPerInstance = 10;
                        p.StartupTime = TimeSpan.FromMinutes(10);
                        p.Buffer = TimeSpan.FromMinutes(5);
                    });
                history(g);
            },
            o => o.MaxInstances = 100,
            time: new ManualTimeProvider(Now));
    }

    private sealed class DaysOfHistory(int days) : IMetricHistorySource
    {
        public string? Group { get; private set; }

        public string? Metric { get; private set; }

        public DateTimeOffset Now { get; private set; }

        public Task<IReadOnlyList<MetricHistoryPoint>> LoadAsync(string groupName, string metricName, DateTimeOffset now, CancellationToken cancellationToken)
        {
            (Group, Metric, Now) = (groupName, metricName, now);
            var points = new List<MetricHistoryPoint>();
            for (var t = now - TimeSpan.FromDays(days); t < now; t += TimeSpan.FromMinutes(1))
            {
                points.Add(new MetricHistoryPoint(t, Load(t)));
            }

            return Task.FromResult<IReadOnlyList<MetricHistoryPoint>>(points);
        }
    }

    private sealed class FailingHistory : IMetricHistorySource
    {
        public Task<IReadOnlyList<MetricHistoryPoint>> LoadAsync(string groupName, string metricName, DateTimeOffset now, CancellationToken cancellationToken)
            => throw new HttpRequestException("Connection refused (127.0.0.1:1)");
    }
}
