using AutoScaling.InMemory;

namespace AutoScaling.Tests.Controller;

public class ScalingGroupControllerTests
{
    [Fact]
    public async Task Scales_up_step_by_step_waiting_for_each_step_to_be_active()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 5), o => o.MaxInstancesPerStep = 2);
        var start = h.Time.GetUtcNow();

        var decision = await h.TickAsync();

        Assert.Equal(5, decision!.Value.DesiredInstances);
        // Each step starts once the previous one is active (10 s start-up), seen within one check interval (1 s).
        var offsets = h.Recorder.Provisioned.Select(t => (t - start).TotalSeconds).ToArray();
        Assert.Equal(5, offsets.Length);
        Assert.Equal([0, 0], offsets[..2]);
        Assert.Equal(offsets[2], offsets[3]);
        Assert.InRange(offsets[2], 10, 11);
        Assert.InRange(offsets[4], offsets[2] + 10, offsets[2] + 11);
        var events = h.Control.GetEvents("web");
        var e = Assert.Single(events);
        Assert.Equal(ScalingOutcome.Succeeded, e.Outcome);
        Assert.Equal(5, e.Reached);
        Assert.Equal(5, h.Control.GetStatus("web").Count(InstanceState.Active));
    }

    [Fact]
    public async Task Instance_that_does_not_start_in_time_is_removed_and_replaced_once()
    {
        using var h = GroupHarness.Create(
            g => g.UseFixed(f => f.Instances = 1),
            o =>
            {
                o.InstanceStartTimeout = TimeSpan.FromSeconds(30);
                o.StartRetries = 1;
            },
            i => i.StartupDelay = TimeSpan.FromMinutes(10));

        await h.TickAsync();

        Assert.Equal(2, h.Recorder.Provisioned.Count);
        Assert.Equal(2, h.Recorder.Decommissioned.Count);
        Assert.Equal(0, h.Store.Count);
        var e = Assert.Single(h.Control.GetEvents("web"));
        Assert.Equal(ScalingOutcome.Failed, e.Outcome);
        Assert.Equal(0, e.Reached);
    }

    [Fact]
    public async Task Instances_that_fail_to_start_are_removed()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 2), o => o.StartRetries = 2, i => i.FailureRate = 1);

        await h.TickAsync();

        Assert.Equal(0, h.Store.Count);
        Assert.Equal(6, h.Recorder.Provisioned.Count); // 2, then 2 retries of 2
        Assert.Equal(6, h.Recorder.Decommissioned.Count);
    }

    [Fact]
    public async Task Dry_run_decides_and_reports_without_calling_the_provider()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 4), o => o.DryRun = true);

        var decision = await h.TickAsync();

        Assert.True(decision!.Value.IsDryRun);
        Assert.Equal(4, decision.Value.DesiredInstances);
        Assert.Empty(h.Recorder.Provisioned);
        Assert.Equal(0, h.Store.Count);
        Assert.Equal(ScalingOutcome.DryRun, Assert.Single(h.Control.GetEvents("web")).Outcome);
    }

    [Fact]
    public async Task Restarted_host_adopts_existing_instances_and_does_not_double_start()
    {
        var store = new InMemoryInstanceStore();
        var time = new Testing.ManualTimeProvider();
        using (var first = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 3), store: store, time: time))
        {
            await first.TickAsync();
        }

        Assert.Equal(3, store.Count);
        using var second = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 3), store: store, time: time);
        var decision = await second.TickAsync();

        Assert.False(decision!.Value.IsChange);
        Assert.Empty(second.Recorder.Provisioned);
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task Reconcile_replaces_a_failed_instance()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 2), o => o.ReconcileEveryTicks = 2);
        await h.TickAsync();
        var victim = h.Control.GetStatus("web").Instances[0].Id;
        Assert.True(h.Store.Fail(victim));

        await h.TickAsync(); // tick 2 reconciles: removes the failed one, then scales back to 2

        var status = h.Control.GetStatus("web");
        Assert.Equal(2, status.Count(InstanceState.Active));
        Assert.DoesNotContain(status.Instances, i => i.Id == victim);
        Assert.Contains(victim, h.Recorder.Decommissioned);
    }

    [Fact]
    public async Task Paused_group_does_not_change_until_resumed()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 3));
        h.Control.Pause("web");

        var paused = await h.TickAsync();
        Assert.Equal(ScalingReason.Paused, paused!.Value.Reason);
        Assert.Empty(h.Recorder.Provisioned);
        Assert.True(h.Control.GetStatus("web").Paused);

        h.Control.Resume("web");
        Assert.Equal(3, (await h.TickAsync())!.Value.DesiredInstances);
        Assert.Equal(3, h.Store.Count);
    }

    [Fact]
    public async Task Manual_target_overrides_policies_and_is_checked_against_bounds()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 5), o => o.MaxInstances = 6);
        h.Control.SetManualTarget("web", 2);

        var decision = await h.TickAsync();
        Assert.Equal(ScalingReason.ManualTarget, decision!.Value.Reason);
        Assert.Equal(2, h.Store.Count);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => h.Control.SetManualTarget("web", 7));
        Assert.Contains("7", error.Message, StringComparison.Ordinal);
        h.Control.SetManualTarget("web", null);
        Assert.Equal(5, (await h.TickAsync())!.Value.DesiredInstances);
    }

    [Theory]
    [InlineData(ScaleInOrder.NewestFirst, new[] { 0 })]
    [InlineData(ScaleInOrder.OldestFirst, new[] { 2 })]
    public async Task Scale_in_picks_victims_by_order(ScaleInOrder order, int[] keptIndexes)
    {
        var fixedCount = new SetPolicyHolder(1);
        using var h = GroupHarness.Create(g => g.UsePolicy(_ => fixedCount.Policy), o => o.ScaleInOrder = order, i => i.StartupDelay = TimeSpan.Zero);
        await h.TickAsync();
        h.Time.Advance(TimeSpan.FromSeconds(15));
        fixedCount.Policy.Desired = 2;
        await h.TickAsync();
        h.Time.Advance(TimeSpan.FromSeconds(15));
        fixedCount.Policy.Desired = 3;
        await h.TickAsync();
        var ids = h.Control.GetStatus("web").Instances.OrderBy(i => i.CreatedAt).Select(i => i.Id).ToArray();
        Assert.Equal(3, ids.Length);

        h.Time.Advance(TimeSpan.FromSeconds(15));
        fixedCount.Policy.Desired = 1;
        await h.TickAsync();

        var kept = h.Control.GetStatus("web").Instances.Select(i => i.Id).ToArray();
        Assert.Equal(keptIndexes.Select(i => ids[i]), kept);
    }

    [Fact]
    public async Task Provider_operations_are_bounded_by_the_group_limiter()
    {
        using var h = GroupHarness.Create(
            g => g.UseFixed(f => f.Instances = 6),
            o =>
            {
                o.MaxConcurrentOperations = 2;
                o.MaxInstancesPerStep = 6;
            },
            i => i.StartupDelay = TimeSpan.Zero);
        h.Recorder.ProvisionLatency = TimeSpan.FromSeconds(1);

        await h.TickAsync();

        Assert.Equal(6, h.Store.Count);
        Assert.Equal(2, h.Recorder.MaxInFlight);
    }

    [Fact]
    public async Task Metric_that_never_answers_times_out_as_failed_and_blocks_scale_down()
    {
        using var h = GroupHarness.Create(
            g => g.UseMetric("slow", new NeverAnsweringSource()).UsePolicy(_ => new Decision.PerInstancePolicy("slow", 10), "slow").UseFixed(f => f.Instances = 1),
            o => o.MetricTimeout = TimeSpan.FromSeconds(2));
        h.Control.SetManualTarget("web", 3);
        await h.TickAsync();
        h.Control.SetManualTarget("web", null);

        var decision = await h.TickAsync(TimeSpan.FromSeconds(1));

        var sample = h.Control.GetStatus("web").Metrics["slow"];
        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Contains("timed out", sample.Error, StringComparison.Ordinal);
        Assert.Equal(3, decision!.Value.DesiredInstances);
        Assert.Equal(ScalingReason.MissingMetrics, decision.Value.Reason);
    }

    [Fact]
    public async Task Event_log_keeps_only_the_most_recent_events()
    {
        var holder = new SetPolicyHolder(1);
        using var h = GroupHarness.Create(g => g.UsePolicy(_ => holder.Policy), o => o.EventLogCapacity = 2, i => i.StartupDelay = TimeSpan.Zero);
        foreach (var n in new[] { 1, 2, 3 })
        {
            holder.Policy.Desired = n;
            await h.TickAsync();
            h.Time.Advance(TimeSpan.FromSeconds(15));
        }

        var events = h.Control.GetEvents("web");
        Assert.Equal([2, 3], events.Select(e => e.To));
    }

    [Fact]
    public void Unknown_group_is_a_clear_error()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 1));
        var error = Assert.Throws<KeyNotFoundException>(() => h.Control.GetStatus("nope"));
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    private sealed class SetPolicyHolder(int desired)
    {
        public Decision.SetPolicy Policy { get; } = new(desired);
    }

    private sealed class NeverAnsweringSource : IMetricSource
    {
        public async ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
        {
            await new TaskCompletionSource().Task.ConfigureAwait(false);
            throw new InvalidOperationException("unreachable");
        }
    }
}

public class ControllerCooldownTests
{
    [Fact]
    public async Task Cooldowns_hold_the_group_between_actions()
    {
        var policy = new Decision.SetPolicy(2);
        using var h = GroupHarness.Create(
            g => g.UsePolicy(_ => policy),
            o =>
            {
                o.ScaleUp.Cooldown = TimeSpan.FromSeconds(60);
                o.ScaleDown.Cooldown = TimeSpan.FromSeconds(120);
            },
            i => i.StartupDelay = TimeSpan.Zero);

        Assert.Equal(ScalingReason.ScaleUp, (await h.TickAsync())!.Value.Reason);
        Assert.Equal(2, h.Store.Count);

        policy.Desired = 4;
        h.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(ScalingReason.CooldownUp, (await h.TickAsync())!.Value.Reason);
        Assert.Equal(2, h.Store.Count);

        h.Time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(ScalingReason.ScaleUp, (await h.TickAsync())!.Value.Reason);
        Assert.Equal(4, h.Store.Count);

        policy.Desired = 1;
        h.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(ScalingReason.CooldownDown, (await h.TickAsync())!.Value.Reason);
        h.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(ScalingReason.ScaleDown, (await h.TickAsync())!.Value.Reason);
        Assert.Equal(1, h.Store.Count);
    }
}
