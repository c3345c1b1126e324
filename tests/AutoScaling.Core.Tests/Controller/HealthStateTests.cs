using AutoScaling.Controller;

namespace AutoScaling.Tests.Controller;

/// <summary>What the health check reads: failed ticks in a row, the metric fallback, cooldowns; and the watchers' buffers.</summary>
public class HealthStateTests
{
    [Theory]
    [InlineData(MetricFallbackBehavior.Fail, 3, false)]
    [InlineData(MetricFallbackBehavior.Hold, 3, true)]
    public async Task Failing_metrics_count_failed_ticks_or_put_the_fallback_in_force(MetricFallbackBehavior behavior, int ticks, bool fallback)
    {
        var failing = true;
        using var h = GroupHarness.Create(
            g => g.UseMetric("rps", () => failing ? throw new InvalidOperationException("down") : 10)
                .UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 100; }),
            o =>
            {
                o.Fallback.Behavior = behavior;
                o.Fallback.FailureThreshold = 2;
            });

        for (var i = 0; i < ticks; i++)
        {
            await h.TickAsync();
        }

        var status = h.Control.GetStatus("web");
        Assert.Equal(fallback, status.MetricFallbackActive);
        // Before the threshold a tick has no usable metric (failed); once the fallback decides, its ticks do not fail.
        Assert.Equal(fallback ? 0 : ticks, status.ConsecutiveFailedTicks);

        failing = false;
        await h.TickAsync();
        status = h.Control.GetStatus("web");
        Assert.Equal(0, status.ConsecutiveFailedTicks);
        Assert.False(status.MetricFallbackActive);
    }

    [Fact]
    public async Task A_scale_up_that_adds_nothing_is_a_failed_tick()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 2));
        h.Recorder.FailProvisions = true;

        await h.TickAsync();

        Assert.Equal(1, h.Control.GetStatus("web").ConsecutiveFailedTicks);
        Assert.Equal(ScalingOutcome.Failed, h.Control.GetEvents("web")[^1].Outcome);
    }

    [Fact]
    public async Task Status_shows_the_cooldown_remaining_after_a_scale()
    {
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 2), o => o.ScaleUp.Cooldown = TimeSpan.FromSeconds(60), i => i.StartupDelay = TimeSpan.Zero);

        await h.TickAsync();
        Assert.Equal(TimeSpan.FromSeconds(60), h.Control.GetStatus("web").ScaleUpCooldownRemaining);

        h.Time.Advance(TimeSpan.FromSeconds(20));
        await h.TickAsync();
        Assert.Equal(TimeSpan.FromSeconds(40), h.Control.GetStatus("web").ScaleUpCooldownRemaining);
        Assert.Equal(TimeSpan.Zero, h.Control.GetStatus("web").ScaleDownCooldownRemaining);
    }

    [Fact]
    public void A_watcher_that_never_reads_keeps_the_latest_updates_and_never_blocks_the_sender()
    {
        var broadcast = new ScalingUpdateBroadcast();
        var channel = broadcast.Add();
        var status = new ScalingGroupStatus { Name = "web" };

        for (var i = 0; i < ScalingUpdateBroadcast.BufferCapacity * 4; i++)
        {
            broadcast.Send(new ScalingUpdate(ScalingUpdateKind.Status, status with { ConsecutiveFailedTicks = i }));
        }

        Assert.Equal(ScalingUpdateBroadcast.BufferCapacity, channel.Reader.Count);
        Assert.True(channel.Reader.TryRead(out var oldest));
        Assert.Equal(ScalingUpdateBroadcast.BufferCapacity * 3, oldest.Status.ConsecutiveFailedTicks);

        broadcast.Remove(channel);
        Assert.False(broadcast.HasWatchers);
    }
}
