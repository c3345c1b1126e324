using AutoScaling.Simulation.Tests.Traces;

namespace AutoScaling.Simulation.Tests.Analysis;

/// <summary>The analysis on the shared real traces: what their descriptions say is there is found.</summary>
public class SharedTraceAnalysisTests
{
    private static WorkloadReport Analyze(string file) => WorkloadAnalysis.Analyze(LoadTrace.Load(SharedTraces.Require(file)));

    [SkippableFact]
    public void Wikipedia_has_a_daily_and_a_weekly_period()
    {
        var r = Analyze("wikipedia_all_2009_contiguous_1h.csv");

        Assert.Contains(r.Periods, p => Math.Abs(p.Hours - 24) <= 0.5 && p.Strength > 0.8);
        Assert.Contains(r.Periods, p => Math.Abs(p.Hours - 168) <= 2 && p.Strength > 0.8);
        Assert.Empty(r.Outages);
        Assert.True(r.Backtest!.Mape < 5, $"MAPE {r.Backtest.Mape}");
    }

    [SkippableFact]
    public void Nasa_has_a_daily_period_the_38_hour_outage_and_the_seam()
    {
        var r = Analyze("nasa_http_1995_1min.csv");

        Assert.Contains(r.Periods, p => Math.Abs(p.Hours - 24) <= 0.5);
        // The August log's outage, Aug 1 14:52 to Aug 3 04:36: 37 h 44 min of zeros.
        var outage = Assert.Single(r.Outages, o => o.DurationSeconds > 86400);
        Assert.Equal(37.7 * 3600, outage.DurationSeconds, 600.0);
        // The July log ends Jul 28 13:32 and the August one follows without the gap: 27 d 13:32 into the trace.
        var seam = Assert.Single(r.Seams, s => s.Kind == "phase");
        Assert.Equal(((27 * 24) + 13.53) * 3600, seam.AtSeconds, 1800.0);
        Assert.True(seam.Score >= 9, $"shift {seam.Score} h");
    }

    [SkippableFact]
    public void World_cup_shows_a_weak_daily_period_in_its_two_days()
    {
        var r = Analyze("worldcup98_0625_0627_1min.csv");

        var p = Assert.Single(r.Periods);
        Assert.InRange(p.Hours, 23.5, 25.5);
        Assert.InRange(p.Strength, 0.1, 0.3); // one day with matches, one without: a weak repeat
        Assert.InRange(r.PeakToMean, 5.8, 6); // 3065.7 / 522.2
    }
}
