namespace AutoScaling.Simulation.Tests.Analysis;

public class WorkloadAnalysisTests
{
    [Fact]
    public void Recovers_the_period_baseline_trend_outage_and_burst_of_a_known_series()
    {
        var r = WorkloadAnalysis.Analyze(new SyntheticSeries { TrendPerDay = 2, OutageDay = 5.25, BurstDay = 9.5 }.Build());

        var daily = Assert.Single(r.Periods, p => Math.Abs(p.Hours - 24) <= 0.5);
        Assert.True(daily.Strength > 0.8, $"daily strength {daily.Strength}");
        Assert.Equal(r.Periods[0], daily);
        Assert.InRange(r.Baseline, 45, 70); // p5 of 100 ± 50 sin plus a trend of up to 28
        Assert.InRange(r.TrendPerDay, 1.7, 2.3);
        var outage = Assert.Single(r.Outages);
        Assert.Equal(5.25 * 86400, outage.StartSeconds, 300.0);
        Assert.Equal(6 * 3600, outage.DurationSeconds, 300.0);
        var burst = Assert.Single(r.Bursts);
        Assert.Equal(9.5 * 86400, burst.StartSeconds, 300.0);
        Assert.DoesNotContain(r.Seams, s => s.Kind == "phase");
        var test = r.Backtest!;
        Assert.Equal(24, test.SeasonBuckets);
        Assert.True(test.Mape < 10, $"MAPE {test.Mape}");
        Assert.True(test.Mape < test.SeasonalNaiveMape + 5, $"MAPE {test.Mape}, seasonal naive {test.SeasonalNaiveMape}");
        Assert.InRange(test.BandCoverage, 80, 100);
    }

    [Fact]
    public void A_weekly_pattern_is_a_period_of_its_own_and_not_a_harmonic_of_the_day()
    {
        var r = WorkloadAnalysis.Analyze(new SyntheticSeries { StepSeconds = 3600, Days = 42, WeekendFactor = 0.6 }.Build());

        Assert.Contains(r.Periods, p => Math.Abs(p.Hours - 168) <= 2);
        Assert.Contains(r.Periods, p => Math.Abs(p.Hours - 24) <= 0.5);
        Assert.DoesNotContain(r.Periods, p => Math.Abs(p.Hours - 48) <= 2 || Math.Abs(p.Hours - 72) <= 2);
    }

    [Fact]
    public void Noise_alone_has_no_period_and_no_anomaly()
    {
        var r = WorkloadAnalysis.Analyze(new SyntheticSeries { DailyAmplitude = 0, Noise = 10 }.Build());

        Assert.True(r.Periods.Count == 0, string.Join(", ", r.Periods));
        Assert.Empty(r.Outages);
        Assert.Empty(r.Bursts);
        Assert.Empty(r.Seams);
        Assert.InRange(r.CoefficientOfVariation, 0.04, 0.07); // uniform ±10 on 100: 10/√3/100
        Assert.InRange(r.Backtest!.BandCoverage, 90, 100);
    }

    [Fact]
    public void Two_recordings_joined_shift_the_daily_pattern_and_make_a_phase_seam()
    {
        var r = WorkloadAnalysis.Analyze(new SyntheticSeries { PhaseShiftDay = 8.5 }.Build());

        var seam = Assert.Single(r.Seams, s => s.Kind == "phase");
        Assert.Equal(8.5 * 86400, seam.AtSeconds, 3600.0);
        Assert.InRange(seam.Score, 7, 9);
    }

    [Fact]
    public void A_lasting_jump_in_level_is_a_level_seam()
    {
        var r = WorkloadAnalysis.Analyze(new SyntheticSeries { StepDay = 6.5 }.Build());

        var seam = Assert.Single(r.Seams);
        Assert.Equal("level", seam.Kind);
        Assert.Equal(6.5 * 86400, seam.AtSeconds, 1800.0);
        Assert.InRange(seam.LevelAfter - seam.LevelBefore, 100, 200);
    }

    [Fact]
    public void Json_and_text_carry_the_same_findings()
    {
        var r = WorkloadAnalysis.Analyze(new SyntheticSeries { OutageDay = 5.25 }.Build());
        using var stream = new MemoryStream();
        AnalysisWriter.WriteJson(stream, r);
        using var json = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        using var text = new StringWriter();
        AnalysisWriter.WriteText(text, r);

        Assert.Equal(24, json.RootElement.GetProperty("periods")[0].GetProperty("hours").GetDouble(), 0.5);
        Assert.Equal(21600, json.RootElement.GetProperty("outages")[0].GetProperty("durationSeconds").GetDouble(), 300.0);
        Assert.Contains("outages    1", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("lasting 06:00:00", text.ToString(), StringComparison.Ordinal);
    }
}
