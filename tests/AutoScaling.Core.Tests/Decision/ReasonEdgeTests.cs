namespace AutoScaling.Tests.Decision;

/// <summary>
/// The reason a decision reports at the edges: a recommendation equal to the current count, a change that uses the
/// rate budget exactly, ties between policies, and votes from policies without complete data. Operators read these
/// reasons in logs, status and events, so "limited" or "disabled" must only appear when something was held back.
/// </summary>
public class ReasonEdgeTests
{
    private static ScalingGroupOptions Options(Action<ScalingGroupOptions>? configure = null) => EngineFactory.Options(1, 100, configure);

    [Fact]
    public void No_change_is_not_reported_as_scale_up_disabled()
    {
        var engine = EngineFactory.Create(Options(o => o.ScaleUp.SelectPolicy = RatePolicySelection.Disabled), new ReasonPolicy(4, ScalingReason.WithinTolerance));

        var d = engine.Decide(0, 4);

        Assert.Equal((4, ScalingReason.WithinTolerance), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void No_change_is_not_reported_as_scale_down_disabled()
    {
        var engine = EngineFactory.Create(Options(o => o.ScaleDown.SelectPolicy = RatePolicySelection.Disabled), new ReasonPolicy(4, ScalingReason.WithinTolerance));

        var d = engine.Decide(0, 4);

        Assert.Equal((4, ScalingReason.WithinTolerance), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void A_scale_up_that_uses_the_budget_exactly_is_not_reported_as_limited()
    {
        // +2 per minute from 2 allows 4: the recommendation of 4 passes whole.
        var engine = EngineFactory.Create(Options(o => o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(2, TimeSpan.FromSeconds(60)))), new SetPolicy(4));

        var d = engine.Decide(0, 2);

        Assert.Equal((4, ScalingReason.ScaleUp), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void A_scale_down_that_uses_the_budget_exactly_is_not_reported_as_limited()
    {
        // -2 per minute from 6 allows 4: the recommendation of 4 passes whole.
        var engine = EngineFactory.Create(Options(o => o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(2, TimeSpan.FromSeconds(60)))), new SetPolicy(4));

        var d = engine.Decide(0, 6);

        Assert.Equal((4, ScalingReason.ScaleDown), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void With_no_scale_down_budget_left_the_reason_is_the_limit_even_during_the_cooldown()
    {
        var engine = EngineFactory.Create(
            Options(o =>
            {
                o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(1, TimeSpan.FromSeconds(60)));
                o.ScaleDown.Cooldown = TimeSpan.FromSeconds(30);
            }),
            new SetPolicy(3));
        engine.RecordScale(EngineFactory.T0, 6, 5); // the minute's -1 is used, and the cooldown runs until 30 s

        // The period began at 6: -1 allows 5, the current count. Nothing would change, so the cooldown is not the reason.
        var d = engine.Decide(10, 5);

        Assert.Equal((5, ScalingReason.ScaleDownLimited), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void Equal_votes_keep_the_reason_of_the_first_policy()
    {
        var engine = EngineFactory.Create(Options(), new ReasonPolicy(6, ScalingReason.ScaleUp), new ReasonPolicy(6, ScalingReason.AtMaximum));

        var d = engine.Decide(0, 3);

        Assert.Equal((6, ScalingReason.ScaleUp), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void A_partial_vote_for_the_current_count_is_no_vote()
    {
        // Partial data may only push up; a partial "stay at 4" from the only policy leaves the group without data.
        var engine = EngineFactory.Create(Options(), new ReasonPolicy(4, ScalingReason.WithinTolerance, RecommendationValidity.Partial));

        var d = engine.Decide(0, 4);

        Assert.Equal((4, ScalingReason.MissingMetrics), (d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void A_complete_vote_for_the_current_count_keeps_its_reason_beside_a_policy_without_data()
    {
        var engine = EngineFactory.Create(Options(), new ReasonPolicy(4, ScalingReason.WithinTolerance), new SetPolicy(1, RecommendationValidity.None));

        var d = engine.Decide(0, 4);

        Assert.Equal((4, ScalingReason.WithinTolerance), (d.DesiredInstances, d.Reason));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reset_forgets_the_recommendations_in_the_windows(bool reloadAfterReset)
    {
        static ScalingGroupOptions Window() => Options(o => o.ScaleUp.StabilizationWindow = TimeSpan.FromMinutes(3));
        var policy = new SetPolicy(2);
        var engine = EngineFactory.Create(Window(), policy);
        Assert.Equal(2, engine.Decide(0, 2).DesiredInstances);
        Assert.Equal(2, engine.Decide(15, 2).DesiredInstances);

        engine.Reset();
        if (reloadAfterReset)
        {
            engine.Reconfigure(EngineFactory.T0.AddSeconds(20), Window(), [policy]);
        }

        policy.Desired = 5;
        var d = engine.Decide(30, 2);

        Assert.Equal((5, ScalingReason.ScaleUp), (d.DesiredInstances, d.Reason)); // the 2s before the reset no longer hold it down
    }

    [Fact]
    public void A_reload_after_a_reset_carries_no_forgotten_scale_event()
    {
        static ScalingGroupOptions Budget() => Options(o => o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(2, TimeSpan.FromSeconds(60))));
        var policy = new SetPolicy(10);
        var engine = EngineFactory.Create(Budget(), policy);
        engine.RecordScale(EngineFactory.T0, 2, 4);

        engine.Reset();
        engine.Reconfigure(EngineFactory.T0.AddSeconds(10), Budget(), [policy]);
        var d = engine.Decide(20, 4);

        Assert.Equal((6, ScalingReason.ScaleUpLimited), (d.DesiredInstances, d.Reason)); // a fresh +2, not the used one
    }
}
