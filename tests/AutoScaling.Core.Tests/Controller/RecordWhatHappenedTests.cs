namespace AutoScaling.Tests.Controller;

/// <summary>The engine learns what an action reached, not what was decided: failed actions cost no cooldown or rate budget.</summary>
public class RecordWhatHappenedTests
{
    [Fact]
    public async Task A_scale_up_that_failed_holds_no_cooldown_and_the_next_try_follows()
    {
        using var h = GroupHarness.Create(
            g => g.UseFixed(f => f.Instances = 3),
            o =>
            {
                o.MinInstances = 0;
                o.ScaleUp.Cooldown = TimeSpan.FromMinutes(5);
                o.StartRetries = 0;
            },
            i => i.StartupDelay = TimeSpan.Zero);
        h.Recorder.FailProvisions = true;
        var failed = await h.TickAsync();
        Assert.Equal((0, 3), (failed!.Value.CurrentInstances, failed.Value.DesiredInstances));
        Assert.Equal(ScalingOutcome.Failed, h.Control.GetEvents("web")[^1].Outcome);
        Assert.Equal(0, h.Store.Count);

        h.Recorder.FailProvisions = false;
        h.Time.Advance(TimeSpan.FromSeconds(15));
        var retry = await h.TickAsync();

        Assert.NotEqual(ScalingReason.CooldownUp, retry!.Value.Reason);
        Assert.Equal(3, retry.Value.DesiredInstances);
        Assert.Equal(3, h.Store.Count);
        Assert.Equal(ScalingOutcome.Succeeded, h.Control.GetEvents("web")[^1].Outcome);
    }

    [Fact]
    public async Task A_failed_scale_up_uses_no_rate_budget()
    {
        using var h = GroupHarness.Create(
            g => g.UseFixed(f => f.Instances = 6),
            o =>
            {
                o.ScaleUp.Policies.Clear();
                o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(4, TimeSpan.FromMinutes(1)));
                o.StartRetries = 0;
            },
            i => i.StartupDelay = TimeSpan.Zero);
        h.Recorder.SucceedOnly = 2;
        await h.TickAsync(); // 0 → 4 allowed by the rate policy, 2 reached
        Assert.Equal(2, h.Store.Count);
        h.Recorder.FailProvisions = true;
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var failed = await h.TickAsync(); // 2 → 4 (2 used of 4), all fail

        Assert.Equal(4, failed!.Value.DesiredInstances);
        h.Recorder.FailProvisions = false;
        h.Recorder.SucceedOnly = null;
        h.Time.Advance(TimeSpan.FromSeconds(15));
        var next = await h.TickAsync();

        // Only the two that really started count against the 4-per-minute budget: 2 → 4 is still allowed.
        Assert.Equal(4, next!.Value.DesiredInstances);
        Assert.Equal(4, h.Store.Count);
    }

    [Fact]
    public async Task A_partial_scale_up_consumes_only_what_it_achieved()
    {
        using var h = GroupHarness.Create(
            g => g.UseFixed(f => f.Instances = 6),
            o =>
            {
                o.MinInstances = 2;
                o.ScaleUp.Policies.Clear();
                o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(4, TimeSpan.FromMinutes(1)));
                o.StartRetries = 0;
            },
            i => i.StartupDelay = TimeSpan.Zero);
        h.Recorder.SucceedOnly = 2;
        Assert.Equal(ScalingReason.BelowMinimum, (await h.TickAsync())!.Value.Reason); // 0 → 2
        h.Time.Advance(TimeSpan.FromSeconds(61)); // a fresh rate period

        h.Recorder.SucceedOnly = 2;
        var partial = await h.TickAsync();
        Assert.Equal((2, 6), (partial!.Value.CurrentInstances, partial.Value.DesiredInstances));
        Assert.Equal(ScalingOutcome.Partial, h.Control.GetEvents("web")[^1].Outcome);
        Assert.Equal(4, h.Store.Count);

        h.Recorder.SucceedOnly = null;
        h.Time.Advance(TimeSpan.FromSeconds(15));
        var next = await h.TickAsync();

        // The period started at 2 (4 now, 2 added): 2 + 4 allows 6. Recording the decided +4 would have held at 4.
        Assert.Equal((4, 6), (next!.Value.CurrentInstances, next.Value.DesiredInstances));
        Assert.Equal(6, h.Store.Count);
    }
}
