using System.Diagnostics;
using Xunit.Abstractions;

namespace AutoScaling.Etcd.Tests;

/// <summary>
/// Two or three autoscaler hosts (separate processes) on one real 3-member etcd cluster, sharing their instances: only the
/// leader acts, a standby takes over when the leader dies, freezes or stops, and a frozen leader that wakes is fenced.
/// </summary>
[Collection(EtcdSuite.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const int Ttl = 5;

    [SkippableFact]
    public async Task Exactly_one_of_three_hosts_acts_and_the_count_never_exceeds_the_target()
    {
        using var scenario = await EtcdScenario.StartAsync(3, Ttl, "a", "b", "c");
        var (fleet, leader, epoch) = (scenario.Fleet, scenario.Leader, scenario.Epoch);
        using var watch = new CountWatch(fleet);
        fleet.SetTarget(6);
        await fleet.SettledAsync(6, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2)); // more ticks of every host with nothing to do

        Assert.Equal(6, watch.Max);
        var actions = fleet.Actions;
        Assert.Equal(6, actions.Count);
        Assert.All(actions, a => Assert.Equal((epoch, leader, "provision"), (a.Epoch, a.Host, a.Action)));
        Assert.Equal(6, fleet.InstanceCount);
    }

    [SkippableFact]
    public async Task A_killed_leaders_standby_acts_within_two_ttls()
    {
        using var scenario = await EtcdScenario.StartAsync(2, Ttl, "a", "b");
        var (fleet, leader, epoch) = (scenario.Fleet, scenario.Leader, scenario.Epoch);
        using var watch = new CountWatch(fleet);

        var failover = await KillAndMeasureAsync(fleet, leader, epoch, 4);

        output.WriteLine($"SIGKILL: a standby acted {failover.TotalSeconds:0.000} s after the kill");
        Assert.True(failover < 2 * fleet.Ttl, $"the standby acted {failover.TotalSeconds:0.00} s after the kill (limit {2 * Ttl} s)\n{fleet.Logs()}");
        await fleet.SettledAsync(4, TimeSpan.FromSeconds(5));
        Assert.Equal(4, watch.Max);
        Assert.Equal(0, DoubleActions(fleet.Actions));
    }

    [SkippableFact]
    public async Task A_frozen_leader_is_replaced_and_does_not_act_when_it_wakes()
    {
        using var scenario = await EtcdScenario.StartAsync(2, Ttl, "a", "b");
        var (fleet, leader, epoch) = (scenario.Fleet, scenario.Leader, scenario.Epoch);
        using var watch = new CountWatch(fleet);

        await fleet[leader].SignalAsync("STOP");
        fleet.SetTarget(3);
        var taken = await Testing.Tools.WaitUntilAsync(() => Task.FromResult(fleet.Actions.Any(a => a.Epoch > epoch)), 2 * fleet.Ttl, TimeSpan.FromMilliseconds(50));
        Assert.True(taken, $"no standby acted within 2 TTL of freezing the leader\n{fleet.Logs()}");
        await fleet.SettledAsync(3, TimeSpan.FromSeconds(5));
        var newEpoch = fleet.Actions.Max(a => a.Epoch);

        // The old leader wakes with a decision to act in its past; the target moves so that acting would show.
        await fleet[leader].SignalAsync("CONT");
        fleet.SetTarget(5);
        await fleet.SettledAsync(5, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(2));

        var actions = fleet.Actions;
        Assert.DoesNotContain(actions, a => a.Host == leader && a.Epoch == epoch && actions.Any(b => b.Epoch == newEpoch && b.UnixMs <= a.UnixMs));
        Assert.Equal(0, DoubleActions(actions));
        Assert.Equal(5, watch.Max);
        Assert.Contains("no longer leader", fleet[leader].Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_gracefully_stopped_leader_releases_the_lease_and_a_standby_takes_over_at_once()
    {
        using var scenario = await EtcdScenario.StartAsync(1, Ttl, "a", "b");
        var (fleet, leader, epoch) = (scenario.Fleet, scenario.Leader, scenario.Epoch);
        using var watch = new CountWatch(fleet);
        var standby = fleet.Names.Single(n => n != leader);

        var clock = Stopwatch.StartNew();
        await fleet[leader].SignalAsync("TERM");
        var taken = await Testing.Tools.WaitUntilAsync(() => Task.FromResult(fleet.Leader() is { } l && l.Host == standby && l.Epoch > epoch), fleet.Ttl, TimeSpan.FromMilliseconds(20));
        var elapsed = clock.Elapsed;
        output.WriteLine($"graceful stop: the standby reported itself leader {elapsed.TotalSeconds:0.000} s after SIGTERM (status written every 100 ms)");

        Assert.True(taken, $"the standby did not lead within the TTL of a graceful stop\n{fleet.Logs()}");
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"the standby led {elapsed.TotalSeconds:0.00} s after SIGTERM: the lease was not released at once\n{fleet.Logs()}");
        Assert.True(await Testing.Tools.WaitUntilAsync(() => Task.FromResult(fleet[leader].HasExited), TimeSpan.FromSeconds(10)));
        Assert.Contains("resigned", fleet[leader].Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Leadership_survives_one_member_down_stops_without_quorum_and_resumes_with_it()
    {
        using var scenario = await EtcdScenario.StartAsync(1, Ttl, "a", "b");
        var (fleet, leader, epoch) = (scenario.Fleet, scenario.Leader, scenario.Epoch);
        using var watch = new CountWatch(fleet);

        scenario.Cluster.StopMember(0);
        fleet.SetTarget(2);
        await fleet.SettledAsync(2, TimeSpan.FromSeconds(3 * Ttl));
        Assert.All(fleet.Actions, a => Assert.Equal(epoch, a.Epoch)); // same leader, same lease: it never stopped leading

        scenario.Cluster.StopMember(1);
        await Task.Delay(fleet.Ttl + TimeSpan.FromSeconds(1)); // past every local deadline: nobody may act now
        var before = fleet.Actions.Count;
        Assert.Null(fleet.Leader());
        fleet.SetTarget(3);
        await Task.Delay(2 * fleet.Ttl);
        Assert.Equal(before, fleet.Actions.Count);
        Assert.Equal(2, fleet.InstanceCount);

        await scenario.Cluster.RestartMemberAsync(1);
        await fleet.SettledAsync(3, TimeSpan.FromSeconds(4 * Ttl));
        Assert.Equal(0, DoubleActions(fleet.Actions));
        Assert.Equal(3, watch.Max);
    }

    /// <summary>SIGKILLs the leader, raises the target at once and returns how long until a provider call of a newer epoch.</summary>
    internal static async Task<TimeSpan> KillAndMeasureAsync(HostFleet fleet, string leader, long epoch, int target)
    {
        var clock = Stopwatch.StartNew();
        fleet[leader].Kill();
        fleet.SetTarget(target);
        var acted = await Testing.Tools.WaitUntilAsync(() => Task.FromResult(fleet.Actions.Any(a => a.Epoch > epoch)), 3 * fleet.Ttl, TimeSpan.FromMilliseconds(20));
        Assert.True(acted, $"no standby acted within 3 TTL of killing {leader}\n{fleet.Logs()}");
        return clock.Elapsed;
    }

    /// <summary>Counts actions made under an older epoch after a newer one had acted, and epochs used by two hosts (goal: 0).</summary>
    internal static int DoubleActions(IReadOnlyList<HostAction> actions)
    {
        var count = 0;
        long highest = 0;
        foreach (var a in actions)
        {
            if (a.Epoch < highest)
            {
                count++;
            }

            highest = Math.Max(highest, a.Epoch);
        }

        return count + actions.GroupBy(a => a.Epoch).Count(g => g.Select(a => a.Host).Distinct().Count() > 1);
    }
}
