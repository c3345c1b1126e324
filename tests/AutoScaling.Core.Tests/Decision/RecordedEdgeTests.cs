namespace AutoScaling.Tests.Decision;

/// <summary>
/// Edges of what <see cref="ScalingDecisionEngine.RecordScale"/> feeds: rate budgets counted from the start of a period
/// with additions and removals mixed, cooldown boundaries, and <see cref="ScalingDecisionEngine.Reset"/>.
/// </summary>
public class RecordedEdgeTests
{
    private static ScalingDecisionEngine Engine(SetPolicy policy, Action<ScalingGroupOptions> configure, int upBudget = 2)
        => EngineFactory.Create(EngineFactory.Options(1, 100, o =>
        {
            o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(upBudget, TimeSpan.FromSeconds(60)));
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(100, TimeSpan.FromSeconds(60)));
            configure(o);
        }), policy);

    private static void Record(ScalingDecisionEngine engine, double seconds, int from, int reached)
        => engine.RecordScale(EngineFactory.T0.AddSeconds(seconds), from, reached);

    [Fact]
    public void The_period_starts_from_the_count_before_both_additions_and_removals()
    {
        var policy = new SetPolicy(10);
        var engine = Engine(policy, _ => { });
        Record(engine, 0, 2, 5);   // +3
        Record(engine, 10, 5, 3);  // -2

        // The period began at 3 - 3 + 2 = 2 instances; +2 per minute allows 4, whatever the current count is.
        var d = engine.Decide(20, 3);

        Assert.Equal((4, ScalingReason.ScaleUpLimited), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void Scale_events_leave_the_budget_once_their_period_has_passed()
    {
        var policy = new SetPolicy(10);
        var engine = Engine(policy, _ => { });
        Record(engine, 0, 2, 4);

        Assert.Equal(4, engine.Decide(59, 4).DesiredInstances);  // still inside the minute: no budget left
        Assert.Equal(6, engine.Decide(60, 4).DesiredInstances);  // the event is a full period old: +2 again
    }

    [Theory]
    [InlineData(59, 4, ScalingReason.CooldownUp)]
    [InlineData(60, 10, ScalingReason.ScaleUp)]
    public void Scale_up_cooldown_counts_from_the_recorded_scale_up_and_ends_on_its_boundary(double at, int desired, ScalingReason reason)
    {
        var policy = new SetPolicy(10);
        var engine = Engine(policy, o => o.ScaleUp.Cooldown = TimeSpan.FromSeconds(60), upBudget: 100);
        Record(engine, 0, 2, 4);

        var d = engine.Decide(at, 4);

        Assert.Equal((desired, reason), (d.DesiredInstances, d.Reason));
    }

    [Theory]
    [InlineData(29, 8, ScalingReason.CooldownDown)]
    [InlineData(30, 3, ScalingReason.ScaleDown)]
    public void Scale_down_cooldown_counts_from_any_recorded_change(double at, int desired, ScalingReason reason)
    {
        var policy = new SetPolicy(3);
        var engine = Engine(policy, o => o.ScaleDown.Cooldown = TimeSpan.FromSeconds(30));
        Record(engine, 0, 6, 8); // a scale-up starts the scale-down cooldown too

        var d = engine.Decide(at, 8);

        Assert.Equal((desired, reason), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void A_decision_alone_starts_no_cooldown()
    {
        var policy = new SetPolicy(6);
        var engine = Engine(policy, o => o.ScaleUp.Cooldown = TimeSpan.FromMinutes(10));

        Assert.Equal(6, engine.Decide(0, 4).DesiredInstances);
        Assert.Equal(6, engine.Decide(1, 4).DesiredInstances); // nothing was recorded: no cooldown, no budget used
    }

    [Fact]
    public void Reset_forgets_scale_events_and_cooldowns()
    {
        var policy = new SetPolicy(10);
        var engine = Engine(policy, o => o.ScaleUp.Cooldown = TimeSpan.FromMinutes(10), upBudget: 2);
        Record(engine, 0, 2, 4);
        Assert.Equal((4, ScalingReason.ScaleUpLimited), (engine.Decide(1, 4).DesiredInstances, engine.Decide(1, 4).Reason)); // the budget is used

        engine.Reset();
        var d = engine.Decide(2, 4);

        Assert.Equal((6, ScalingReason.ScaleUpLimited), (d.DesiredInstances, d.Reason)); // a fresh budget of +2, and no cooldown
    }

    [Fact]
    public void Reconfigure_keeps_the_scale_events_so_a_reload_does_not_refill_the_rate_budget()
    {
        var policy = new SetPolicy(10);
        var engine = Engine(policy, _ => { });
        Record(engine, 0, 2, 4); // the +2 of this minute is used

        engine.Reconfigure(EngineFactory.T0.AddSeconds(10), EngineFactory.Options(1, 100, o =>
        {
            o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(3, TimeSpan.FromSeconds(60)));
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(100, TimeSpan.FromSeconds(60)));
        }), [policy]);

        // The period still began at 2: +3 allows 5, not 4 + 3.
        Assert.Equal(5, engine.Decide(20, 4).DesiredInstances);
    }

    [Fact]
    public void A_fixed_fallback_counts_as_an_outage_and_holds_scale_downs_after_it()
    {
        var options = EngineFactory.Options(1, 100, o =>
        {
            o.Fallback.Behavior = MetricFallbackBehavior.Fixed;
            o.Fallback.FailureThreshold = 1;
            o.Fallback.Instances = 8;
        });
        var engine = new ScalingDecisionEngine("test", options, ["rps"], [new PerInstancePolicy("rps", 1)]);
        for (var t = 0; t < 60; t += 15)
        {
            var d = engine.Decide(t, 8, [MetricSample.Failed(EngineFactory.T0, "down")]);
            Assert.Equal((8, ScalingReason.MetricFallback), (d.DesiredInstances, d.Reason));
        }

        // Metrics back, reading low: held for as long as the fallback lasted (45 s + one interval after its last tick,
        // so until 105 s), free from the moment the hold ends.
        Assert.Equal((8, ScalingReason.MissingMetrics), Pair(engine.Decide(75, 8, [MetricSample.Valid(2, EngineFactory.T0)])));
        Assert.Equal((8, ScalingReason.MissingMetrics), Pair(engine.Decide(104.9, 8, [MetricSample.Valid(2, EngineFactory.T0)])));
        Assert.Equal(2, engine.Decide(105, 8, [MetricSample.Valid(2, EngineFactory.T0)]).DesiredInstances);
    }

    [Fact]
    public void Partial_data_counts_as_an_outage_and_holds_scale_downs_after_it()
    {
        var options = EngineFactory.Options(1, 100);
        var engine = new ScalingDecisionEngine("test", options, ["a", "b"], [new PerInstancePolicy("a", 1), new PerInstancePolicy("b", 1)]);
        for (var t = 0; t < 60; t += 15)
        {
            var d = engine.Decide(t, 8, [MetricSample.Valid(2, EngineFactory.T0), MetricSample.Missing(EngineFactory.T0)]);
            Assert.Equal((8, ScalingReason.MissingMetrics), Pair(d)); // "b" is missing: no scale-down on "a" alone
        }

        var both = new[] { MetricSample.Valid(2, EngineFactory.T0), MetricSample.Valid(2, EngineFactory.T0) };
        Assert.Equal((8, ScalingReason.MissingMetrics), Pair(engine.Decide(75, 8, both)));
        Assert.Equal(2, engine.Decide(106, 8, both).DesiredInstances);
    }

    private static (int Desired, ScalingReason Reason) Pair(ScalingDecision d) => (d.DesiredInstances, d.Reason);
}
