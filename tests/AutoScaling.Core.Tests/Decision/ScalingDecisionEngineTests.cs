namespace AutoScaling.Tests.Decision;

public class ScalingDecisionEngineTests
{
    [Fact]
    public void Largest_recommendation_wins()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(), new SetPolicy(3), new SetPolicy(7), new SetPolicy(5));
        var d = engine.Eval(0, 4);
        Assert.Equal(7, d.DesiredInstances);
        Assert.Equal(ScalingReason.ScaleUp, d.Reason);
    }

    [Fact]
    public void Policy_without_data_blocks_scale_down()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(), new SetPolicy(2), new SetPolicy(0, RecommendationValidity.None));
        var d = engine.Eval(0, 6);
        Assert.Equal(6, d.DesiredInstances);
        Assert.Equal(ScalingReason.MissingMetrics, d.Reason);
    }

    [Fact]
    public void Partial_policy_may_vote_up()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(), new SetPolicy(2), new SetPolicy(9, RecommendationValidity.Partial));
        Assert.Equal(9, engine.Eval(0, 6).DesiredInstances);
    }

    [Fact]
    public void Partial_policy_voting_down_is_ignored_and_blocks_down()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(), new SetPolicy(2), new SetPolicy(1, RecommendationValidity.Partial));
        var d = engine.Eval(0, 6);
        Assert.Equal(6, d.DesiredInstances);
        Assert.Equal(ScalingReason.MissingMetrics, d.Reason);
    }

    [Fact]
    public void No_vote_at_all_holds_with_missing_metrics()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(), new SetPolicy(0, RecommendationValidity.None));
        var d = engine.Eval(0, 3);
        Assert.False(d.IsChange);
        Assert.Equal(ScalingReason.MissingMetrics, d.Reason);
    }

    [Fact]
    public void Missing_metric_is_not_read_as_zero()
    {
        var engine = new ScalingDecisionEngine("test", EngineFactory.Options(), ["rps"], [new PerInstancePolicy("rps", 10)]);
        var d = engine.Eval(0, 5, [MetricSample.Missing(EngineFactory.T0)]);
        Assert.Equal(5, d.DesiredInstances);
        Assert.Equal(ScalingReason.MissingMetrics, d.Reason);
    }

    [Theory]
    [InlineData(50, 10, ScalingReason.AtMaximum)]
    [InlineData(0, 2, ScalingReason.AtMinimum)]
    public void Recommendation_is_clamped(int recommended, int expected, ScalingReason reason)
    {
        var engine = EngineFactory.Create(EngineFactory.Options(min: 2, max: 10, configure: o => o.ScaleUp.Policies.Add(ScalingRatePolicy.Percent(1000, TimeSpan.FromSeconds(15)))), new SetPolicy(recommended));
        var d = engine.Eval(0, 5);
        Assert.Equal(expected, d.DesiredInstances);
        Assert.Equal(reason, d.Reason);
    }

    [Fact]
    public void Above_maximum_goes_to_maximum_at_once()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(max: 4, configure: o => o.ScaleDown.Cooldown = TimeSpan.FromHours(1)), new SetPolicy(50));
        var d = engine.Eval(0, 9);
        Assert.Equal(4, d.DesiredInstances);
        Assert.Equal(ScalingReason.AboveMaximum, d.Reason);
    }

    [Fact]
    public void Below_minimum_goes_to_minimum_at_once()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(min: 3), new SetPolicy(0, RecommendationValidity.None));
        var d = engine.Eval(0, 0);
        Assert.Equal(3, d.DesiredInstances);
        Assert.Equal(ScalingReason.BelowMinimum, d.Reason);
    }

    [Fact]
    public void Down_window_keeps_the_highest_recent_recommendation()
    {
        var policy = new SetPolicy(8);
        var engine = EngineFactory.Create(EngineFactory.Options(configure: o => o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(300)), policy);
        Assert.Equal(8, engine.Eval(0, 8).DesiredInstances);

        policy.Desired = 2;
        var held = engine.Eval(150, 8);
        Assert.Equal(8, held.DesiredInstances);
        Assert.Equal(ScalingReason.StabilizedDown, held.Reason);

        policy.Desired = 5;
        Assert.Equal(8, engine.Eval(299, 8).DesiredInstances);

        // 300 s after the 8, the highest left in the window is the 5 at 299 s.
        var after = engine.Eval(300, 8);
        Assert.Equal(5, after.DesiredInstances);
    }

    [Fact]
    public void Up_window_follows_the_lowest_recent_recommendation()
    {
        var policy = new SetPolicy(3);
        var engine = EngineFactory.Create(EngineFactory.Options(configure: o => o.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(60)), policy);
        Assert.Equal(3, engine.Eval(0, 3).DesiredInstances);
        policy.Desired = 6;
        var d = engine.Eval(15, 3);
        Assert.Equal(3, d.DesiredInstances);
        Assert.Equal(ScalingReason.StabilizedUp, d.Reason);
        Assert.Equal(6, engine.Eval(61, 3).DesiredInstances);
    }

    [Fact]
    public void Default_scale_up_rate_is_max_of_4_instances_and_100_percent_per_15s()
    {
        var policy = new SetPolicy(40);
        var engine = EngineFactory.Create(EngineFactory.Options(), policy);
        var first = engine.Eval(0, 2);
        Assert.Equal(6, first.DesiredInstances);
        Assert.Equal(ScalingReason.ScaleUpLimited, first.Reason);

        // The period started at 2 instances: nothing more until it ends.
        Assert.Equal(6, engine.Eval(5, 6).DesiredInstances);
        Assert.Equal(12, engine.Eval(15, 6).DesiredInstances);
        Assert.Equal(24, engine.Eval(30, 12).DesiredInstances);
    }

    [Fact]
    public void Instances_rate_policy_limits_scale_down_and_counts_from_period_start()
    {
        var engine = EngineFactory.Create(
            EngineFactory.Options(configure: o => o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(2, TimeSpan.FromSeconds(60)))),
            new SetPolicy(1));
        Assert.Equal(8, engine.Eval(0, 10).DesiredInstances);
        var held = engine.Eval(30, 8);
        Assert.Equal(8, held.DesiredInstances);
        Assert.Equal(ScalingReason.ScaleDownLimited, held.Reason);
        Assert.Equal(6, engine.Eval(61, 8).DesiredInstances);
    }

    [Fact]
    public void Percent_scale_down_truncates()
    {
        var engine = EngineFactory.Create(
            EngineFactory.Options(configure: o => o.ScaleDown.Policies.Add(ScalingRatePolicy.Percent(50, TimeSpan.FromSeconds(60)))),
            new SetPolicy(1));
        Assert.Equal(3, engine.Eval(0, 7).DesiredInstances); // 7 × 0.5 = 3.5 → 3
    }

    [Fact]
    public void Select_min_takes_the_most_restrictive_policy()
    {
        var engine = EngineFactory.Create(
            EngineFactory.Options(configure: o =>
            {
                o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(1, TimeSpan.FromSeconds(15)));
                o.ScaleUp.Policies.Add(ScalingRatePolicy.Percent(100, TimeSpan.FromSeconds(15)));
                o.ScaleUp.SelectPolicy = RatePolicySelection.Min;
            }),
            new SetPolicy(20));
        Assert.Equal(5, engine.Eval(0, 4).DesiredInstances);
    }

    [Fact]
    public void Disabled_direction_never_moves()
    {
        var policy = new SetPolicy(1);
        var engine = EngineFactory.Create(EngineFactory.Options(configure: o => o.ScaleDown.SelectPolicy = RatePolicySelection.Disabled), policy);
        var d = engine.Eval(0, 5);
        Assert.Equal(5, d.DesiredInstances);
        Assert.Equal(ScalingReason.ScaleDownDisabled, d.Reason);
        policy.Desired = 7;
        Assert.Equal(7, engine.Eval(15, 5).DesiredInstances);
    }

    [Fact]
    public void Cooldowns_are_separate_for_up_and_down()
    {
        var policy = new SetPolicy(6);
        var engine = EngineFactory.Create(
            EngineFactory.Options(configure: o =>
            {
                o.ScaleUp.Cooldown = TimeSpan.FromSeconds(60);
                o.ScaleDown.Cooldown = TimeSpan.FromSeconds(120);
            }),
            policy);
        Assert.Equal(6, engine.Eval(0, 4).DesiredInstances);

        policy.Desired = 8;
        var up = engine.Eval(30, 6);
        Assert.Equal(ScalingReason.CooldownUp, up.Reason);
        Assert.Equal(6, up.DesiredInstances);
        Assert.Equal(8, engine.Eval(60, 6).DesiredInstances);

        policy.Desired = 3;
        var down = engine.Eval(120, 8);
        Assert.Equal(ScalingReason.CooldownDown, down.Reason);
        Assert.Equal(3, engine.Eval(180, 8).DesiredInstances);
    }

    [Theory]
    [InlineData(MetricFallbackBehavior.Hold, 5, ScalingReason.MetricFallback)]
    [InlineData(MetricFallbackBehavior.Fixed, 4, ScalingReason.MetricFallback)]
    [InlineData(MetricFallbackBehavior.Fail, 5, ScalingReason.MetricsFailed)]
    public void Fallback_applies_after_consecutive_failures(MetricFallbackBehavior behavior, int expected, ScalingReason reason)
    {
        var options = EngineFactory.Options(configure: o =>
        {
            o.Fallback.FailureThreshold = 3;
            o.Fallback.Behavior = behavior;
            o.Fallback.Instances = 4;
        });
        var engine = new ScalingDecisionEngine("test", options, ["rps"], [new PerInstancePolicy("rps", 10)]);
        MetricSample[] failed = [MetricSample.Failed(EngineFactory.T0, "boom")];

        Assert.Equal(ScalingReason.MissingMetrics, engine.Eval(0, 5, failed).Reason);
        Assert.Equal(ScalingReason.MissingMetrics, engine.Eval(15, 5, failed).Reason);
        var d = engine.Eval(30, 5, failed);
        Assert.Equal(reason, d.Reason);
        Assert.Equal(expected, d.DesiredInstances);
        Assert.Equal(3, engine.ConsecutiveFailures(0));
    }

    [Fact]
    public void Missing_data_never_triggers_the_fallback_and_valid_data_resets_it()
    {
        var options = EngineFactory.Options(configure: o =>
        {
            o.Fallback.FailureThreshold = 2;
            o.Fallback.Behavior = MetricFallbackBehavior.Fixed;
            o.Fallback.Instances = 1;
        });
        var engine = new ScalingDecisionEngine("test", options, ["rps"], [new PerInstancePolicy("rps", 10)]);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ScalingReason.MissingMetrics, engine.Eval(i * 15, 5, [MetricSample.Missing(EngineFactory.T0)]).Reason);
        }

        engine.Eval(100, 5, [MetricSample.Failed(EngineFactory.T0, "x")]);
        engine.Eval(115, 5, [MetricSample.Valid(50, EngineFactory.T0)]);
        Assert.Equal(0, engine.ConsecutiveFailures(0));
        Assert.Equal(ScalingReason.MissingMetrics, engine.Eval(130, 5, [MetricSample.Failed(EngineFactory.T0, "x")]).Reason);
    }

    [Fact]
    public void Paused_group_keeps_its_count()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(), new SetPolicy(9));
        var d = engine.Eval(0, 3, paused: true);
        Assert.Equal(3, d.DesiredInstances);
        Assert.Equal(ScalingReason.Paused, d.Reason);
    }

    [Fact]
    public void Manual_target_replaces_the_policies_within_bounds()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(max: 8), new SetPolicy(2));
        var d = engine.Eval(0, 3, manual: 20);
        Assert.Equal(8, d.DesiredInstances);
        Assert.Equal(ScalingReason.ManualTarget, d.Reason);
    }

    [Fact]
    public void Dry_run_does_not_consume_the_rate_limit()
    {
        var engine = EngineFactory.Create(EngineFactory.Options(configure: o => o.DryRun = true), new SetPolicy(40));
        var first = engine.Eval(0, 2);
        Assert.True(first.IsDryRun);
        Assert.Equal(6, first.DesiredInstances);
        Assert.Equal(6, engine.Eval(1, 2).DesiredInstances);
    }

    [Fact]
    public void Wrong_number_of_samples_is_rejected()
    {
        var engine = new ScalingDecisionEngine("test", EngineFactory.Options(), ["a", "b"], [new SetPolicy(1)]);
        Assert.Throws<ArgumentException>(() => engine.Eval(0, 1, [MetricSample.Valid(1, EngineFactory.T0)]));
    }
}
