namespace AutoScaling.Tests.Decision;

/// <summary>
/// Edges of the decision engine that mutation testing found unpinned: the bounds, a fixed-size group, scale-down with
/// <see cref="RatePolicySelection.Min"/>, stabilization windows of different lengths, <see cref="ScalingDecisionEngine.Reset"/>.
/// Only the first decision after a change of count is asserted: whether a decision already counts as a scale event
/// (cooldowns, rate budgets) is not this file's business.
/// </summary>
public class EngineEdgeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Options whose rate limits never bind and whose windows are zero unless a test sets them.</summary>
    private static ScalingGroupOptions Options(int min, int max, Action<ScalingGroupOptions>? configure = null)
    {
        var o = new ScalingGroupOptions { MinInstances = min, MaxInstances = max, Interval = TimeSpan.FromSeconds(15) };
        o.ScaleUp.StabilizationWindow = TimeSpan.Zero;
        o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
        o.ScaleUp.Policies.Add(ScalingRatePolicy.Percent(10_000, TimeSpan.FromSeconds(15)));
        o.ScaleDown.Policies.Add(ScalingRatePolicy.Percent(100, TimeSpan.FromSeconds(15)));
        configure?.Invoke(o);
        return o;
    }

    private static ScalingDecision At(ScalingDecisionEngine engine, double seconds, int current, params MetricSample[] samples)
        => engine.Evaluate(new ScalingContext(engine.GroupName, T0.AddSeconds(seconds), current, current, 0, [.. engine.MetricNames], samples));

    [Fact]
    public void Group_above_its_maximum_scales_down_to_it()
    {
        var engine = new ScalingDecisionEngine("g", Options(1, 10), [], [new Answer(12)]);
        var d = At(engine, 0, 12);
        Assert.Equal((12, 10, ScalingReason.AboveMaximum), (d.CurrentInstances, d.DesiredInstances, d.Reason));
    }

    [Fact]
    public void Group_at_its_maximum_follows_the_policies_down()
    {
        var engine = new ScalingDecisionEngine("g", Options(1, 10), [], [new Answer(4)]);
        var d = At(engine, 0, 10);
        Assert.Equal((10, 4, 4, ScalingReason.ScaleDown), (d.CurrentInstances, d.DesiredInstances, d.RecommendedInstances, d.Reason));
    }

    [Fact]
    public void Group_below_its_minimum_scales_up_to_it_and_at_its_minimum_follows_the_policies_up()
    {
        var below = new ScalingDecisionEngine("g", Options(3, 10), [], [new Answer(1)]);
        Assert.Equal((3, ScalingReason.BelowMinimum), (At(below, 0, 2).DesiredInstances, At(below, 0, 2).Reason));

        var at = new ScalingDecisionEngine("g", Options(3, 10), [], [new Answer(7)]);
        var d = At(at, 0, 3);
        Assert.Equal((7, ScalingReason.ScaleUp), (d.DesiredInstances, d.Reason));
    }

    [Theory]
    [InlineData(3, 8)]
    [InlineData(3, 0)]
    [InlineData(3, 3)]
    public void Fixed_size_group_keeps_its_size_whatever_the_policies_say(int current, int recommended)
    {
        var engine = new ScalingDecisionEngine("g", Options(3, 3), [], [new Answer(recommended)]);
        var d = At(engine, 0, current);
        Assert.Equal((3, false), (d.DesiredInstances, d.IsChange));
    }

    [Theory]
    [InlineData(2, ScalingReason.BelowMinimum)]
    [InlineData(4, ScalingReason.AboveMaximum)]
    public void Fixed_size_group_off_its_size_returns_to_it(int current, ScalingReason reason)
    {
        var engine = new ScalingDecisionEngine("g", Options(3, 3), [], [new Answer(current)]);
        var d = At(engine, 0, current);
        Assert.Equal((3, reason), (d.DesiredInstances, d.Reason));
    }

    [Theory]
    [InlineData(RatePolicySelection.Min, 9)] // the smaller change: 1 instance
    [InlineData(RatePolicySelection.Max, 5)] // the larger change: 50 % of 10
    public void Scale_down_selects_the_rate_policy_allowing_the_least_or_the_most(RatePolicySelection select, int expected)
    {
        var options = Options(0, 20, o =>
        {
            o.ScaleDown.Policies.Clear();
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(1, TimeSpan.FromMinutes(1)));
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Percent(50, TimeSpan.FromMinutes(1)));
            o.ScaleDown.SelectPolicy = select;
        });
        var engine = new ScalingDecisionEngine("g", options, [], [new Answer(2)]);
        var d = At(engine, 0, 10);
        Assert.Equal((expected, 2, ScalingReason.ScaleDownLimited), (d.DesiredInstances, d.RecommendedInstances, d.Reason));
    }

    [Fact]
    public void Scale_down_percent_limit_rounds_the_remaining_count_down()
    {
        var options = Options(0, 20, o =>
        {
            o.ScaleDown.Policies.Clear();
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Percent(50, TimeSpan.FromMinutes(1)));
        });
        var engine = new ScalingDecisionEngine("g", options, [], [new Answer(0)]);
        Assert.Equal(2, At(engine, 0, 5).DesiredInstances); // 5 × 0.5 = 2.5 → 2
    }

    [Fact]
    public void Up_window_shorter_than_down_window_ends_exactly_at_its_length()
    {
        // Up window 30 s, down window 120 s: the history is kept for 120 s, but scale-up reads only the last 30 s.
        var policy = new Answer(4);
        var engine = new ScalingDecisionEngine("g", Options(1, 20, o =>
        {
            o.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(30);
            o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(120);
        }), [], [policy]);

        Assert.Equal(4, At(engine, 0, 4).DesiredInstances);
        policy.Desired = 10;
        var inside = At(engine, 15, 4);
        Assert.Equal((4, ScalingReason.StabilizedUp), (inside.DesiredInstances, inside.Reason)); // 4 from t=0 is in the window
        Assert.Equal(10, At(engine, 30, 4).DesiredInstances); // t=0 is exactly 30 s old: out
    }

    [Fact]
    public void Down_window_longer_than_up_window_ends_exactly_at_its_length()
    {
        var policy = new Answer(10);
        var engine = new ScalingDecisionEngine("g", Options(1, 20, o =>
        {
            o.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(15);
            o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(60);
        }), [], [policy]);

        Assert.Equal(10, At(engine, 0, 10).DesiredInstances);
        policy.Desired = 4;
        var early = At(engine, 15, 10);
        Assert.Equal((10, ScalingReason.StabilizedDown), (early.DesiredInstances, early.Reason));
        Assert.Equal(10, At(engine, 45, 10).DesiredInstances); // 10 from t=0 is 45 s old: still in
        var after = At(engine, 60, 10);                        // exactly 60 s old: out
        Assert.Equal((4, ScalingReason.ScaleDown), (after.DesiredInstances, after.Reason));
    }

    [Fact]
    public void Down_window_shorter_than_up_window_ends_exactly_at_its_length()
    {
        // Up window 60 s keeps the history for 60 s; scale-down must still read only the last 30 s.
        var policy = new Answer(10);
        var engine = new ScalingDecisionEngine("g", Options(1, 20, o =>
        {
            o.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(60);
            o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(30);
        }), [], [policy]);

        Assert.Equal(10, At(engine, 0, 10).DesiredInstances);
        policy.Desired = 4;
        Assert.Equal(10, At(engine, 15, 10).DesiredInstances); // 10 from t=0 is in the down window
        Assert.Equal(4, At(engine, 30, 10).DesiredInstances);  // exactly 30 s old: out
    }

    [Fact]
    public void Up_window_longer_than_down_window_holds_a_rise_and_lets_a_fall_through()
    {
        var policy = new Answer(5);
        var engine = new ScalingDecisionEngine("g", Options(1, 20, o =>
        {
            o.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(60);
            o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
        }), [], [policy]);

        Assert.Equal(5, At(engine, 0, 5).DesiredInstances);
        policy.Desired = 9;
        Assert.Equal(5, At(engine, 45, 5).DesiredInstances);
        policy.Desired = 3;
        Assert.Equal(3, At(engine, 50, 5).DesiredInstances); // no down window: the fall is followed at once
    }

    [Fact]
    public void Reset_forgets_the_recommendation_history()
    {
        var policy = new Answer(10);
        var engine = new ScalingDecisionEngine("g", Options(1, 20, o => o.ScaleDown.StabilizationWindow = TimeSpan.FromMinutes(5)), [], [policy]);
        At(engine, 0, 10);
        policy.Desired = 2;
        Assert.Equal(10, At(engine, 15, 10).DesiredInstances);

        engine.Reset();

        Assert.Equal(2, At(engine, 30, 10).DesiredInstances);
    }

    [Fact]
    public void Reset_forgets_consecutive_metric_failures()
    {
        var options = Options(1, 20, o =>
        {
            o.Fallback.FailureThreshold = 2;
            o.Fallback.Behavior = MetricFallbackBehavior.Fixed;
            o.Fallback.Instances = 7;
        });
        var failed = MetricSample.Failed(T0, "down");
        var engine = new ScalingDecisionEngine("g", options, ["m"], [new Answer(4)]);

        Assert.NotEqual(ScalingReason.MetricFallback, At(engine, 0, 4, failed).Reason);
        engine.Reset();
        Assert.NotEqual(ScalingReason.MetricFallback, At(engine, 15, 4, failed).Reason); // one failure since the reset
        var d = At(engine, 30, 4, failed);
        Assert.Equal((7, ScalingReason.MetricFallback), (d.DesiredInstances, d.Reason));
    }

    [Theory]
    [InlineData(5, 3)]
    [InlineData(-1, 3)]
    public void Constructor_refuses_bounds_out_of_order_naming_them(int min, int max)
    {
        var error = Assert.Throws<ArgumentException>(() => new ScalingDecisionEngine("web", Options(0, 10, o => (o.MinInstances, o.MaxInstances) = (min, max)), [], []));
        Assert.Contains($"AutoScaling group 'web': MinInstances ({min}) must be within 0 and MaxInstances ({max}).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_names_a_null_argument()
    {
        var options = Options(1, 10);
        Assert.Equal("groupName", Assert.Throws<ArgumentNullException>(() => new ScalingDecisionEngine(null!, options, [], [])).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new ScalingDecisionEngine("g", null!, [], [])).ParamName);
        Assert.Equal("metricNames", Assert.Throws<ArgumentNullException>(() => new ScalingDecisionEngine("g", options, null!, [])).ParamName);
        Assert.Equal("policies", Assert.Throws<ArgumentNullException>(() => new ScalingDecisionEngine("g", options, [], null!)).ParamName);
    }

    [Fact]
    public void Evaluate_needs_one_sample_per_metric()
    {
        var engine = new ScalingDecisionEngine("g", Options(1, 10), ["a", "b"], [new Answer(1)]);
        var error = Assert.Throws<ArgumentException>(() => engine.Evaluate(new ScalingContext("g", T0, 1, 1, 0, ["a"], [MetricSample.Missing(T0)])));
        Assert.StartsWith("Expected 2 samples, got 1.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A policy whose answer the test sets; reads no metric.</summary>
    private sealed class Answer(int desired) : IScalingPolicy
    {
        public int Desired { get; set; } = desired;

        public ScalingRecommendation Recommend(in ScalingContext context) => ScalingRecommendation.To(Desired, context.CurrentInstances);
    }
}
