using System.Globalization;
using Xunit.Abstractions;

namespace AutoScaling.Etcd.Tests;

/// <summary>
/// The numbers of docs/high-availability.md: ten SIGKILLs of the leader among three hosts (default 5 s TTL), each time
/// the time from the kill to the first provider call of a standby under a newer epoch, and the double-action count.
/// </summary>
[Collection(EtcdSuite.Name)]
public sealed class FailoverMeasurement(ITestOutputHelper output)
{
    private const int Kills = 10;

    [SkippableFact]
    public async Task Ten_leader_kills_fail_over_within_two_ttls_with_no_double_action()
    {
        var target = 1;
        using var scenario = await EtcdScenario.StartAsync(target, 5, "a", "b", "c");
        var fleet = scenario.Fleet;
        using var watch = new CountWatch(fleet);
        var times = new List<double>(Kills);
        for (var kill = 0; kill < Kills; kill++)
        {
            var (leader, epoch) = await fleet.SettledAsync(target, TimeSpan.FromSeconds(30));
            target++;
            var failover = await FailoverTests.KillAndMeasureAsync(fleet, leader, epoch, target);
            times.Add(failover.TotalSeconds);
            await fleet.SettledAsync(target, TimeSpan.FromSeconds(10));
            fleet.Start(leader); // back as a standby
        }

        times.Sort();
        var doubles = FailoverTests.DoubleActions(fleet.Actions);
        var report = string.Create(CultureInfo.InvariantCulture, $"etcd failover over {Kills} SIGKILLs (TTL 5 s, 3 hosts, 3 etcd members): p50 {Median(times):0.00} s, max {times[^1]:0.00} s, min {times[0]:0.00} s; double actions {doubles}; highest instance count {watch.Max} (target {target}); all: {string.Join(' ', times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))}");
        output.WriteLine(report);
        var runDir = Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") ?? Path.GetTempPath();
        Directory.CreateDirectory(runDir);
        await File.WriteAllTextAsync(Path.Combine(runDir, "etcd-failover.txt"), report + "\n");

        Assert.True(times[^1] < 10, report);
        Assert.Equal(0, doubles);
        Assert.Equal(target, watch.Max);
    }

    private static double Median(List<double> sorted)
        => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
