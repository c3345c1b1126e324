using AutoScaling.Simulation;
using CustomPolicySample;

namespace AutoScaling.Samples.Tests.CustomPolicy;

/// <summary>The policy replayed with the simulator: on a synthetic surge always; on the shared World Cup trace when it is beside the repository.</summary>
public sealed class SloStepReplayTests
{
    [Fact]
    public void Surge_is_followed_up_and_back_down()
    {
        // 100 req/s for 30 min, 2,000 for 60 min, 100 again for 90 min; capacity 100 per instance.
        var seconds = new double[180];
        var rates = new double[180];
        for (var i = 0; i < seconds.Length; i++)
        {
            seconds[i] = i * 60;
            rates[i] = i is >= 30 and < 90 ? 2000 : 100;
        }

        var results = SloStepReplay.Run(LoadTrace.FromSeries("surge", seconds, rates));

        var slo = results.Single(r => r.Name.StartsWith("SloStep (", StringComparison.Ordinal)).Scores;
        Assert.InRange(slo.PeakInstances, 29, 50); // 2,000 req/s at ≤ 70 % needs at least 29
        Assert.True(slo.TauU < 10, $"τU {slo.TauU} %");
        Assert.True(slo.Actions > 2);
    }

    [SkippableFact]
    public void World_Cup_trace_replays_both_policies_with_target_tracking_as_in_the_docs()
    {
        var path = SharedTrace("worldcup98_0625_0627_1min.csv");
        var results = SloStepReplay.Run(LoadTrace.Load(path));

        var tracking = results[0].Scores;
        Assert.Equal(385.5, tracking.InstanceHours, 1); // docs/simulation.md's row under the same settings
        Assert.All(results, r => Assert.True(r.Scores.TauU < 1, $"{r.Name}: τU {r.Scores.TauU} %"));
    }

    private static string SharedTrace(string file)
    {
        var dir = Environment.GetEnvironmentVariable("AUTOSCALING_TRACES");
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); dir is null && d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "traces");
            dir = Directory.Exists(candidate) ? candidate : null;
        }

        var path = dir is null ? null : Path.Combine(dir, file);
        // Data beside the repository, not a component: skipped (also in CI) when absent, as the simulation tests do.
        Skip.If(path is null || !File.Exists(path), $"the shared trace {file} is not there (../shared/traces or AUTOSCALING_TRACES)");
        return path!;
    }
}
