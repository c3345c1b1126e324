using AutoScaling.Simulation;
using Microsoft.Extensions.Options;

namespace AutoScaling.Simulation.Tests.Running;

public class SimulatorTests
{
    [Fact]
    public void Step_load_replays_as_computed_by_hand()
    {
        // Buckets of 60 s at 50, 250, 250, 50 req/s; capacity 100; evaluations every 60 s; start-up 30 s; drain 10 s.
        var trace = Scenarios.Minutes(50, 250, 250, 50);
        var simulator = new Simulator("web", Scenarios.Group(), [Scenarios.TargetTracking()], Scenarios.Instant());
        var series = new SimulationSeries();

        var scores = simulator.Run(trace, series);

        // t=0: 50 → 1 (holds). t=60: 250 → 3: two start at 60, active at 90. t=120: holds. t=180: 50 → 1: two drain 180–190.
        var points = series.Points.ToArray();
        Assert.Equal([0.0, 60, 120, 180], points.Select(p => p.Seconds));
        Assert.Equal([1, 3, 3, 1], points.Select(p => p.Desired));
        Assert.Equal([1, 1, 3, 3], points.Select(p => p.Active));
        Assert.Equal(4, scores.Evaluations);

        // Paid: [0,60) 1, [60,90) 3, [90,180) 3, [180,190) 3 (two draining), [190,240) 1 → 60 + 90 + 270 + 30 + 50 = 500 s.
        Assert.Equal(500 / 3600.0, scores.InstanceHours, 12);

        // Under-provisioned only while the two start: [60,90) with d = 3, s = 1 → 30 s of 240 = 12.5 %;
        // θU = 100/240 · (3−1)/3 · 30 = 8.333… %. Beyond capacity: (250 − 100) · 30 = 4500 requests.
        Assert.Equal(TimeSpan.FromSeconds(30), scores.UnderProvisionedTime);
        Assert.Equal(12.5, scores.TauU, 9);
        Assert.Equal(100.0 / 240 * 20, scores.ThetaU, 9);
        Assert.Equal(4500, scores.RequestsBeyondCapacity, 9);

        // Draining instances are paid, not supply: never over-provisioned here.
        Assert.Equal(0, scores.TauO);

        // One up, one down: 2 actions, 1 direction change in 240 s = 15 per hour.
        Assert.Equal(2, scores.Actions);
        Assert.Equal(1, scores.DirectionChanges);
        Assert.Equal(15, scores.DirectionChangesPerHour, 9);
    }

    [Fact]
    public void The_engine_sees_the_load_delayed_and_averaged_over_the_rate_window()
    {
        // Load 0 for 2 min, then 200. With a 60 s delay and a 120 s window the engine at t = 180 sees the mean of [0, 120) = 0
        // and at t = 240 the mean of [60, 180) = (0·60 + 200·60)/120 = 100.
        var trace = Scenarios.Minutes(0, 0, 200, 200, 200, 200);
        var simulator = new Simulator("web", Scenarios.Group(), [Scenarios.TargetTracking()], Scenarios.Instant(o =>
        {
            o.MetricDelay = TimeSpan.FromSeconds(60);
            o.RateWindow = TimeSpan.FromSeconds(120);
        }));
        var series = new SimulationSeries();

        simulator.Run(trace, series);

        var observed = series.Points.ToArray().ToDictionary(p => p.Seconds, p => p.ObservedLoad);
        Assert.Equal(0, observed[180], 9);
        Assert.Equal(100, observed[240], 9);
        Assert.Equal(200, observed[300], 9);
    }

    [Fact]
    public void A_scale_out_that_outlasts_the_interval_delays_the_next_evaluation_as_the_periodic_timer_does()
    {
        // Start-up 100 s with a 60 s interval: the action decided at 60 ends at 160; the tick missed at 120 comes at 160.
        var trace = Scenarios.Minutes(50, 250, 250, 250, 250, 250);
        var simulator = new Simulator("web", Scenarios.Group(), [Scenarios.TargetTracking()], Scenarios.Instant(o => o.StartupDelay = TimeSpan.FromSeconds(100)));
        var series = new SimulationSeries();

        simulator.Run(trace, series);

        Assert.Equal([0.0, 60, 160, 180, 240, 300], series.Points.ToArray().Select(p => p.Seconds));
    }

    [Fact]
    public void Failed_starts_are_retried_and_the_engine_learns_only_what_was_reached()
    {
        var trace = Scenarios.Minutes(50, 950, 950, 950, 950, 950, 950, 950, 950, 950);
        var options = Scenarios.Instant(o =>
        {
            o.StartFailureRate = 0.5;
            o.Seed = 7;
        });
        var simulator = new Simulator("web", Scenarios.Group(g => g.StartRetries = 0), [Scenarios.TargetTracking()], options);
        var series = new SimulationSeries();

        var scores = simulator.Run(trace, series);

        // Some starts fail: the group needs more than one action to reach 10, and every point's active count is what it reached.
        var points = series.Points.ToArray();
        Assert.True(scores.Actions > 1, $"expected retries over several evaluations, got {scores.Actions} action(s)");
        Assert.Equal(10, points[^1].Active);
    }

    [Fact]
    public void Dry_run_decides_but_never_changes_the_instances()
    {
        var trace = Scenarios.Minutes(50, 950, 950);
        var simulator = new Simulator("web", Scenarios.Group(g => g.DryRun = true), [Scenarios.TargetTracking()], Scenarios.Instant());
        var series = new SimulationSeries();

        var scores = simulator.Run(trace, series);

        Assert.Equal(0, scores.Actions);
        Assert.All(series.Points.ToArray(), p => Assert.Equal(1, p.Active));
        Assert.Equal(5, series.Points[^1].Desired); // 1 + max(4, 100 %) in one 15 s period, the default rate limit
    }

    [Fact]
    public void Invalid_settings_fail_naming_each_field_and_value()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new Simulator(
            "web",
            Scenarios.Group(g => g.MaxInstances = 0),
            [Scenarios.TargetTracking()],
            Scenarios.Instant(o =>
            {
                o.CapacityPerInstance = 0;
                o.StartFailureRate = 1.5;
            })));

        Assert.Contains("MaxInstances is 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CapacityPerInstance is 0; it must be positive", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StartFailureRate is 1.5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_policy_is_an_error()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new Simulator("web", Scenarios.Group(), [], Scenarios.Instant()));

        Assert.Contains("at least one policy", ex.Message, StringComparison.Ordinal);
    }
}

public class StartTimeoutTests
{
    [Fact]
    public void An_instance_slower_than_the_start_timeout_fails_at_the_timeout_and_is_retried_once()
    {
        // Start-up 150 s > timeout 120 s: the step decided at 60 fails at 180, the retry at 300; nothing is reached.
        var trace = Scenarios.Minutes(50, 250, 250, 250, 250, 250);
        var simulator = new Simulator("web", Scenarios.Group(), [Scenarios.TargetTracking()], Scenarios.Instant(o => o.StartupDelay = TimeSpan.FromSeconds(150)));
        var series = new SimulationSeries();

        var scores = simulator.Run(trace, series);

        Assert.Equal([0.0, 60, 300], series.Points.ToArray().Select(p => p.Seconds));
        Assert.Equal(0, scores.Actions);

        // Paid: the first instance 360 s, two starting 60–180 and 180–300, and at 300 (the back-off has passed) two more until the end:
        // 360 + 2·120 + 2·120 + 2·60 = 960 s.
        Assert.Equal(960 / 3600.0, scores.InstanceHours, 12);
    }
}
