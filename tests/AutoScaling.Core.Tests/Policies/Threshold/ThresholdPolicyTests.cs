using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Threshold;

public class ThresholdPolicyTests
{
    /// <summary>The Swarm seed: CPU 70/20, latency 1000/200 ms, error rate up above 5 with no down bound.</summary>
    private static ThresholdPolicy Swarm(ThresholdStepMode mode = ThresholdStepMode.Linear, int step = 1, double factor = 2)
    {
        var options = new ThresholdPolicyOptions { Mode = mode, StepSize = step, Factor = factor };
        options.Rules.Add(new ThresholdRule { Metric = "cpu", ScaleUpAbove = 70, ScaleDownBelow = 20 });
        options.Rules.Add(new ThresholdRule { Metric = "latency_ms", ScaleUpAbove = 1000, ScaleDownBelow = 200 });
        options.Rules.Add(new ThresholdRule { Metric = "error_rate", ScaleUpAbove = 5 });
        return new ThresholdPolicy(options);
    }

    private static ScalingRecommendation Evaluate(ThresholdPolicy policy, int current, MetricSample cpu, MetricSample latency, MetricSample errors)
        => Recommend(policy, current, current, ("cpu", cpu), ("latency_ms", latency), ("error_rate", errors));

    [Theory]
    [InlineData(75, 300, 0, 5)]   // CPU high
    [InlineData(50, 1500, 0, 5)]  // latency high
    [InlineData(10, 100, 6, 5)]   // error rate high, everything else low
    [InlineData(90, 5000, 50, 5)] // all high: still one step
    public void Any_high_metric_scales_up(double cpu, double latency, double errors, int expected)
    {
        var r = Evaluate(Swarm(), 4, Valid(cpu), Valid(latency), Valid(errors));
        Assert.Equal(expected, r.DesiredInstances);
        Assert.Equal(ScalingReason.ScaleUp, r.Reason);
        Assert.Equal(RecommendationValidity.Complete, r.Validity);
    }

    [Fact]
    public void All_low_metrics_scale_down_and_an_up_only_rule_does_not_block()
    {
        var r = Evaluate(Swarm(), 4, Valid(10), Valid(100), Valid(3)); // error rate 3: not high, no down bound
        Assert.Equal(3, r.DesiredInstances);
        Assert.Equal(ScalingReason.ScaleDown, r.Reason);
    }

    [Theory]
    [InlineData(10, 500)] // latency in its band
    [InlineData(50, 100)] // CPU in its band
    [InlineData(20, 100)] // CPU exactly at ScaleDownBelow: not below (strict)
    [InlineData(70, 100)] // CPU exactly at ScaleUpAbove: not above (strict)
    public void One_metric_not_low_keeps_the_count(double cpu, double latency)
        => Assert.Equal(ScalingRecommendation.WithinTolerance(4), Evaluate(Swarm(), 4, Valid(cpu), Valid(latency), Valid(0)));

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(3, 3, 6)]
    [InlineData(3, 2, 5)] // down: 2 − 3 stops at 0
    [InlineData(2, 0, 2)]
    public void Linear_moves_by_the_step_size(int step, int current, int up)
    {
        Assert.Equal(up, Evaluate(Swarm(step: step), current, Valid(99), Valid(0), Valid(0)).DesiredInstances);
        Assert.Equal(Math.Max(0, current - step), Evaluate(Swarm(step: step), current, Valid(1), Valid(0), Valid(0)).DesiredInstances);
    }

    [Theory]
    [InlineData(2.0, 0, 1, 0)]  // from zero: at least one
    [InlineData(2.0, 1, 2, 0)]
    [InlineData(2.0, 5, 10, 2)] // floor(5 / 2)
    [InlineData(2.0, 8, 16, 4)]
    [InlineData(1.5, 1, 2, 0)]  // ceil(1.5) = 2; floor(1 / 1.5) = 0
    [InlineData(1.5, 2, 3, 1)]
    [InlineData(1.5, 3, 5, 2)]  // ceil(4.5) = 5; floor(2) = 2
    [InlineData(1.1, 5, 6, 4)]  // ceil(5.5) = 6; floor(4.54) = 4
    [InlineData(1.1, 10, 11, 9)] // 10 × 1.1 = 11.000000000000002 → 11, not 12; 10 / 1.1 = 9.09 → 9
    [InlineData(1.01, 3, 4, 2)] // at least ±1
    public void Exponential_multiplies_and_divides_by_the_factor(double factor, int current, int up, int down)
    {
        var policy = Swarm(ThresholdStepMode.Exponential, factor: factor);
        Assert.Equal(up, Evaluate(policy, current, Valid(99), Valid(0), Valid(0)).DesiredInstances);
        Assert.Equal(down, Evaluate(policy, current, Valid(1), Valid(0), Valid(0)).DesiredInstances);
    }

    [Fact]
    public void Exponential_saturates_at_int_max()
        => Assert.Equal(int.MaxValue, Evaluate(Swarm(ThresholdStepMode.Exponential), int.MaxValue - 1, Valid(99), Valid(0), Valid(0)).DesiredInstances);

    [Fact]
    public void Missing_metric_still_lets_the_others_scale_up_as_partial()
    {
        var r = Evaluate(Swarm(), 4, Missing(), Valid(1500), Valid(0));
        Assert.Equal(5, r.DesiredInstances);
        Assert.Equal(RecommendationValidity.Partial, r.Validity);
        Assert.Equal(ScalingReason.ScaleUp, r.Reason);
    }

    [Fact]
    public void Missing_metric_never_scales_down()
    {
        var r = Evaluate(Swarm(), 4, Valid(1), Valid(50), Failed()); // error rate has no down bound, but is unknown
        Assert.Equal(new ScalingRecommendation(4, ScalingReason.MissingMetrics, RecommendationValidity.Partial), r);

        r = Evaluate(Swarm(), 4, Valid(1), Missing(), Valid(0));
        Assert.Equal(4, r.DesiredInstances);
        Assert.Equal(RecommendationValidity.Partial, r.Validity);
    }

    [Fact]
    public void No_valid_metric_is_no_data()
    {
        Assert.Equal(ScalingRecommendation.NoData(4), Evaluate(Swarm(), 4, Missing(), Failed(), Missing()));
        Assert.Equal(ScalingRecommendation.NoData(4), Recommend(Swarm(), 4, 4));
    }

    [Fact]
    public void Policy_without_down_bounds_never_scales_down()
    {
        var options = new ThresholdPolicyOptions();
        options.Rules.Add(new ThresholdRule { Metric = "error_rate", ScaleUpAbove = 5 });
        var policy = new ThresholdPolicy(options);
        Assert.Equal(ScalingRecommendation.WithinTolerance(3), Recommend(policy, 3, 3, ("error_rate", Valid(0))));
        Assert.Equal(4, Recommend(policy, 3, 3, ("error_rate", Valid(9))).DesiredInstances);
    }

    [Fact]
    public void Empty_group_stays_empty_when_all_is_low()
        => Assert.Equal(ScalingRecommendation.WithinTolerance(0), Evaluate(Swarm(), 0, Valid(0), Valid(0), Valid(0)));

    [Fact]
    public void Options_are_copied_at_construction()
    {
        var options = new ThresholdPolicyOptions();
        options.Rules.Add(new ThresholdRule { Metric = "cpu", ScaleUpAbove = 70 });
        var policy = new ThresholdPolicy(options);
        options.Rules[0].ScaleUpAbove = 1;
        options.StepSize = 5;
        Assert.Equal(ScalingReason.WithinTolerance, Recommend(policy, 2, 2, ("cpu", Valid(50))).Reason);
        Assert.Equal(3, Recommend(policy, 2, 2, ("cpu", Valid(80))).DesiredInstances);
        Assert.Equal(["cpu"], policy.Metrics);
    }

    [Fact]
    public void Constructor_rejects_invalid_options_with_the_validator_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ThresholdPolicy(new ThresholdPolicyOptions { Factor = 1 }));
        Assert.Contains("Factor is 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommend_allocates_nothing()
    {
        string[] names = ["cpu", "latency_ms", "error_rate"];
        Assert.Equal(0, AllocatedBytes(Swarm(), 4, 4, names, [Valid(90), Valid(100), Valid(0)]));
        Assert.Equal(0, AllocatedBytes(Swarm(), 4, 4, names, [Valid(1), Valid(100), Valid(0)]));
        Assert.Equal(0, AllocatedBytes(Swarm(ThresholdStepMode.Exponential), 4, 4, names, [Valid(1), Valid(100), Valid(0)]));
        Assert.Equal(0, AllocatedBytes(Swarm(ThresholdStepMode.Exponential), 4, 4, names, [Missing(), Valid(2000), Failed()]));
        Assert.Equal(0, AllocatedBytes(Swarm(), 4, 4, ["other"], [Valid(1)]));
    }

    [Fact]
    public void Exponential_step_down_removes_at_least_one_instance_even_when_the_factor_is_a_hair_above_one()
    {
        // 10 / (1 + 1e-13) is within the rounding tolerance of 10: the step must still remove one.
        var options = new ThresholdPolicyOptions { Mode = ThresholdStepMode.Exponential, Factor = 1 + 1e-13 };
        options.Rules.Add(new ThresholdRule { Metric = "cpu", ScaleUpAbove = 70, ScaleDownBelow = 20 });
        var policy = new ThresholdPolicy(options);

        Assert.Equal(9, Recommend(policy, 10, 10, ("cpu", Valid(5))).DesiredInstances);
        Assert.Equal(11, Recommend(policy, 10, 10, ("cpu", Valid(90))).DesiredInstances);
    }
}
