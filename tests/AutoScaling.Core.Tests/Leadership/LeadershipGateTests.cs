using AutoScaling.Tests.Controller;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Tests.Leadership;

/// <summary>
/// The controller under an election, on a manual clock: a standby decides but does not act, a leader acts under its
/// epoch, a lease that runs out (no renewal) stops acting at its deadline, even in the middle of an action.
/// </summary>
public class LeadershipGateTests
{
    [Fact]
    public async Task Without_an_election_the_group_acts_and_shows_no_leadership()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 2), instances: i => i.StartupDelay = TimeSpan.Zero);
        await h.TickAsync();

        Assert.Equal(2, h.Store.Count);
        Assert.Null(h.Control.GetStatus("web").Leadership);
        Assert.Equal(0, h.Control.GetEvents("web")[^1].Epoch);
    }

    [Fact]
    public async Task A_standby_decides_but_makes_no_provider_call()
    {
        var election = new ManualElection();
        using var h = Create(election, 3);

        var decision = await h.TickAsync();

        Assert.Equal(3, decision!.Value.DesiredInstances);
        Assert.Equal(0, h.Store.Count);
        Assert.Empty(h.Recorder.Provisioned);
        Assert.Empty(h.Control.GetEvents("web"));
        var status = h.Control.GetStatus("web").Leadership!;
        Assert.Equal(("web-election", false, 0L, 1L), (status.Election, status.IsLeader, status.Epoch, status.RefusedActions));
        Assert.Null(status.LeaseValidUntil);
    }

    [Fact]
    public async Task A_leader_acts_under_its_epoch_and_shows_until_when_its_lease_holds()
    {
        var election = new ManualElection();
        using var h = Create(election, 3);
        election.Grant(h.Time, epoch: 7, TimeSpan.FromSeconds(4));

        await h.TickAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(3, h.Store.Count);
        var scaled = h.Control.GetEvents("web")[^1];
        Assert.Equal((ScalingOutcome.Succeeded, 7L), (scaled.Outcome, scaled.Epoch));
        var status = h.Control.GetStatus("web").Leadership!;
        Assert.Equal((true, 7L), (status.IsLeader, status.Epoch));
        Assert.InRange(status.LeaseValidUntil!.Value, h.Time.GetUtcNow(), h.Time.GetUtcNow() + TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_lease_not_renewed_stops_acting_at_its_deadline_not_after()
    {
        var election = new ManualElection();
        using var h = Create(election, 1);
        election.Grant(h.Time, epoch: 3, TimeSpan.FromSeconds(5));
        await h.TickAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, h.Store.Count);

        h.Time.Advance(TimeSpan.FromSeconds(5)); // exactly the deadline: no longer valid
        h.Target = 4;
        await h.TickAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, h.Store.Count);
        Assert.False(h.Control.GetStatus("web").Leadership!.IsLeader);
        Assert.Equal(1, h.Control.GetStatus("web").Leadership!.RefusedActions);
    }

    [Fact]
    public async Task A_lease_that_runs_out_during_an_action_stops_it_and_is_recorded_as_not_leader()
    {
        var election = new ManualElection();
        using var h = Create(election, 3, o => o.MaxInstancesPerStep = 1, startup: TimeSpan.FromSeconds(3));
        election.Grant(h.Time, epoch: 5, TimeSpan.FromSeconds(5));

        await h.TickAsync(TimeSpan.FromSeconds(1)); // one instance per step, each 3 s to start: the third step is past the lease

        var scaled = h.Control.GetEvents("web")[^1];
        Assert.Equal(ScalingOutcome.NotLeader, scaled.Outcome);
        Assert.InRange(scaled.Reached, 1, 2);
        Assert.Equal(scaled.Reached, h.Store.Count);
        Assert.Equal(scaled.Reached, h.Recorder.Provisioned.Count);
        Assert.True(h.Control.GetStatus("web").Leadership!.RefusedActions >= 1);
    }

    [Fact]
    public async Task A_new_term_acts_under_a_larger_epoch_and_adopts_what_the_last_leader_left()
    {
        var election = new ManualElection();
        using var h = Create(election, 2);
        election.Grant(h.Time, epoch: 4, TimeSpan.FromSeconds(5));
        await h.TickAsync(TimeSpan.FromMilliseconds(100));
        election.Revoke();
        h.Target = 3;
        await h.TickAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, h.Store.Count); // standby for a while

        election.Grant(h.Time, epoch: 9, TimeSpan.FromSeconds(5));
        await h.TickAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(3, h.Store.Count); // one more, not three: it re-read the two that exist
        var events = h.Control.GetEvents("web");
        Assert.Equal([4L, 9L], events.Select(e => e.Epoch));
        Assert.Equal((2, 3), (events[^1].From, events[^1].To));
    }

    [Fact]
    public async Task A_standby_that_saw_the_leader_scale_keeps_that_cooldown_when_it_takes_over()
    {
        // Two hosts of one group on one clock and one set of instances: a takes the lease first, b watches.
        var (store, time) = (new AutoScaling.InMemory.InMemoryInstanceStore(), new AutoScaling.Testing.ManualTimeProvider());
        Action<ScalingGroupOptions> cooldown = o => o.ScaleDown.Cooldown = TimeSpan.FromMinutes(5);
        ManualElection first = new(), second = new();
        using var a = Create(first, 3, cooldown, store: store, time: time);
        using var b = Create(second, 3, cooldown, store: store, time: time);
        first.Grant(time, epoch: 1, TimeSpan.FromHours(1));
        await b.TickAsync(TimeSpan.FromMilliseconds(100));
        await a.TickAsync(TimeSpan.FromMilliseconds(100)); // a scales 0 -> 3
        await b.TickAsync(TimeSpan.FromMilliseconds(100)); // b sees it
        Assert.Equal(3, store.Count);

        // a goes away a minute later; b leads, and the load falls: a's scale-up still holds the scale-down back.
        time.Advance(TimeSpan.FromMinutes(1));
        first.Revoke();
        second.Grant(time, epoch: 2, TimeSpan.FromHours(1));
        b.Target = 1;
        var held = await b.TickAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal((ScalingReason.CooldownDown, 3), (held!.Value.Reason, store.Count));
        Assert.Empty(b.Control.GetEvents("web"));

        time.Advance(TimeSpan.FromMinutes(4));
        await b.TickAsync(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, store.Count); // the cooldown ended 5 min after what b saw
        Assert.Equal((3, 1, 2L), (b.Control.GetEvents("web")[^1].From, b.Control.GetEvents("web")[^1].To, b.Control.GetEvents("web")[^1].Epoch));
    }

    [Fact]
    public void A_lease_is_valid_only_while_held_and_before_its_deadline()
    {
        Assert.False(LeaderLease.None.IsValidAt(0));
        Assert.False(new LeaderLease(0, long.MaxValue).IsValidAt(1));
        Assert.True(new LeaderLease(2, 100).IsValidAt(99));
        Assert.False(new LeaderLease(2, 100).IsValidAt(100));
    }

    private static Harness Create(ManualElection election, int target, Action<ScalingGroupOptions>? options = null, TimeSpan? startup = null, AutoScaling.InMemory.InMemoryInstanceStore? store = null, AutoScaling.Testing.ManualTimeProvider? time = null)
    {
        var box = new Harness.TargetBox { Value = target };
        var h = GroupHarness.Create(
            g =>
            {
                g.Services.AddSingleton<ILeaderElectionProvider>(election);
                g.UseLeaderElection("web-election");
                g.UseMetric("load", () => box.Value);
                g.UseTargetTracking(t => { t.Metric = "load"; t.TargetPerInstance = 1; });
            },
            options,
            i => i.StartupDelay = startup ?? TimeSpan.Zero,
            store,
            time);
        return new Harness(h, box);
    }

    /// <summary>The harness plus the metric's value (the desired count under target tracking, one per instance).</summary>
    private sealed class Harness(GroupHarness inner, Harness.TargetBox box) : IDisposable
    {
        public int Target
        {
            get => box.Value;
            set => box.Value = value;
        }

        public AutoScaling.Testing.ManualTimeProvider Time => inner.Time;

        public AutoScaling.InMemory.InMemoryInstanceStore Store => inner.Store;

        public RecordingProvider Recorder => inner.Recorder;

        public IAutoScalingControl Control => inner.Control;

        public Task<ScalingDecision?> TickAsync(TimeSpan? step = null) => inner.TickAsync(step);

        public void Dispose() => inner.Dispose();

        internal sealed class TargetBox
        {
            public int Value { get; set; }
        }
    }

    /// <summary>An election the test grants and revokes; the lease's deadline is on the harness's manual clock.</summary>
    private sealed class ManualElection : ILeaderElection, ILeaderElectionProvider
    {
        public string Name { get; private set; } = "none";

        public LeaderLease Lease { get; private set; }

        public ILeaderElection GetElection(string? name)
        {
            Name = name ?? "host";
            return this;
        }

        public void Grant(TimeProvider time, long epoch, TimeSpan validFor)
            => Lease = new LeaderLease(epoch, time.GetTimestamp() + (long)(validFor.TotalSeconds * time.TimestampFrequency));

        public void Revoke() => Lease = LeaderLease.None;
    }
}
