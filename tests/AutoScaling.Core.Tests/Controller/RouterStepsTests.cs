using AutoScaling.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Tests.Controller;

/// <summary>The controller runs the router's steps itself: register once active, routed before counted ready; drain, deregister, decommission; reconcile both ways.</summary>
public class RouterStepsTests
{
    private static GroupHarness Create(TestRouter[] router, int instances, Action<ScalingGroupOptions>? options = null)
        => GroupHarness.Create(
            g => g.UseFixed(f => f.Instances = instances).UseRouter(sp => router[0] = new TestRouter(sp.GetRequiredService<TimeProvider>())),
            options,
            i => i.StartupDelay = TimeSpan.FromSeconds(3));

    /// <summary>A group tracking 10 per instance on <paramref name="load"/>, grown to two routed instances at 20.</summary>
    private static async Task<(GroupHarness Harness, TestRouter Router)> TwoRoutedOnLoadAsync(SettableMetricSource load)
    {
        var slot = new TestRouter[1];
        var h = GroupHarness.Create(
            g => g.UseMetric("load", load).UseTargetTracking(t => { t.Metric = "load"; t.TargetPerInstance = 10; })
                  .UseRouter(sp => slot[0] = new TestRouter(sp.GetRequiredService<TimeProvider>())),
            o => o.MinInstances = 1,
            i => i.StartupDelay = TimeSpan.Zero);
        var router = Shared(h, slot[0]);
        load.Set(20);
        await h.TickAsync(); // below the minimum: 0 → 1
        h.Time.Advance(TimeSpan.FromSeconds(15));
        await h.TickAsync(); // 1 → 2
        return (h, router);
    }

    private static TestRouter Shared(GroupHarness h, TestRouter router)
    {
        router.Calls = h.Recorder.Calls;
        return router;
    }

    [Fact]
    public async Task Scale_out_provisions_waits_for_active_registers_and_waits_until_routed()
    {
        var slot = new TestRouter[1];
        using var h = Create(slot, 2);
        var router = Shared(h, slot[0]);

        await h.TickAsync();

        Assert.Equal(["provision", "provision", "register mem-1,mem-2"], h.Recorder.Calls.Select(c => c.StartsWith("register", StringComparison.Ordinal) ? "register " + string.Join(",", c[9..].Split(',').Order()) : c));
        var e = h.Control.GetEvents("web")[^1];
        Assert.Equal((ScalingOutcome.Succeeded, 2, null), (e.Outcome, e.Reached, e.Detail));
        var status = h.Control.GetStatus("web");
        Assert.All(status.Instances, i => Assert.Equal(RouteState.Routed, i.Route));
        Assert.Equal(2, router.Addresses.Count);
    }

    [Theory]
    [InlineData(true)] // the router is unreachable: registering fails
    [InlineData(false)] // registered, but no good check before the start deadline
    public async Task Instances_counted_but_not_routed_are_said_so_in_the_event(bool unreachable)
    {
        var slot = new TestRouter[1];
        using var h = Create(slot, 2, o => o.InstanceStartTimeout = TimeSpan.FromSeconds(30));
        slot[0].Fail = unreachable;
        slot[0].RouteAfter = TimeSpan.FromHours(1);

        await h.TickAsync();

        var e = h.Control.GetEvents("web")[^1];
        Assert.Equal((ScalingOutcome.Succeeded, 2), (e.Outcome, e.Reached)); // they count toward the size, and stay
        Assert.Equal("2 of the instances counted are active but the router has not confirmed them routed; reconcile registers them.", e.Detail);
        Assert.Empty(h.Recorder.Decommissioned);
    }

    [Fact]
    public async Task Scale_in_drains_then_deregisters_then_decommissions()
    {
        var load = new SettableMetricSource();
        var (h, router) = await TwoRoutedOnLoadAsync(load);
        using var _ = h;
        Assert.Equal(2, h.Store.Count);
        h.Recorder.Calls.Clear();

        load.Set(10);
        h.Time.Advance(TimeSpan.FromSeconds(15));
        await h.TickAsync();

        var victim = h.Recorder.Decommissioned.Single();
        Assert.Equal(["drain " + victim + ":80", "deregister " + victim + ":80", "decommission " + victim], h.Recorder.Calls);
        Assert.DoesNotContain(victim + ":80", router.Addresses);
    }

    [Fact]
    public async Task A_router_that_lost_its_registrations_gets_them_back_and_no_instance_is_destroyed()
    {
        var slot = new TestRouter[1];
        using var h = Create(slot, 2, o => o.MinInstances = 2);
        var router = Shared(h, slot[0]);
        await h.TickAsync();
        router.Restart();

        h.Time.Advance(TimeSpan.FromSeconds(15));
        await h.TickAsync();

        Assert.Empty(h.Recorder.Decommissioned);
        Assert.Equal(2, router.Addresses.Count);
        Assert.Contains(h.Recorder.Calls, c => c.StartsWith("register", StringComparison.Ordinal) && c.Contains("mem-1", StringComparison.Ordinal) && c.Contains("mem-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registration_whose_instance_is_gone_is_removed_and_the_group_reaches_its_target()
    {
        var slot = new TestRouter[1];
        using var h = Create(slot, 3);
        var router = Shared(h, slot[0]);
        await h.TickAsync();
        Assert.True(h.Store.Remove("mem-2")); // removed from outside, as docker rm -f would

        h.Time.Advance(TimeSpan.FromSeconds(15));
        await h.TickAsync();

        Assert.Contains("deregister mem-2:80", h.Recorder.Calls);
        Assert.Equal(3, h.Store.Count);
        Assert.Equal(3, router.Addresses.Count);
        Assert.DoesNotContain("mem-2:80", router.Addresses);
    }

    [Fact]
    public async Task Failed_instances_are_replaced_before_they_are_removed()
    {
        var slot = new TestRouter[1];
        using var h = Create(slot, 2, o =>
        {
            o.MinInstances = 2;
            o.ReconcileEveryTicks = 1;
        });
        Shared(h, slot[0]);
        await h.TickAsync();
        h.Store.Fail("mem-1");
        h.Store.Fail("mem-2");

        h.Time.Advance(TimeSpan.FromSeconds(15));
        await h.TickAsync();

        // Nothing served: the failed ones stayed while two replacements started; they go once the replacements serve.
        Assert.Equal(4, h.Recorder.Provisioned.Count);
        Assert.Empty(h.Recorder.Decommissioned);

        h.Time.Advance(TimeSpan.FromSeconds(15));
        await h.TickAsync();
        Assert.Equal(["mem-1", "mem-2"], h.Recorder.Decommissioned.Order());
        Assert.Equal(2, h.Store.Count);
    }

    [Fact]
    public async Task An_instance_is_not_stopped_when_it_could_not_be_drained()
    {
        var load = new SettableMetricSource();
        var (h, router) = await TwoRoutedOnLoadAsync(load);
        using var _ = h;
        router.Fail = true;

        load.Set(10);
        h.Time.Advance(TimeSpan.FromSeconds(15));
        await h.TickAsync();

        Assert.Empty(h.Recorder.Decommissioned);
        Assert.Equal(2, h.Store.Count);
        Assert.Equal(ScalingOutcome.Failed, h.Control.GetEvents("web")[^1].Outcome);
    }
}
