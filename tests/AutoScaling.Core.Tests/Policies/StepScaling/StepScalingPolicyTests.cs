using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.StepScaling;

public class StepScalingPolicyTests
{
    private static StepAdjustment Step(double? lower, double? upper, int adjustment)
        => new() { LowerBound = lower, UpperBound = upper, Adjustment = adjustment };

    private static StepScalingPolicy Create(StepAdjustmentType type, double threshold, int? min, params StepAdjustment[] steps)
    {
        var options = new StepScalingPolicyOptions { Metric = "cpu", Threshold = threshold, AdjustmentType = type, MinAdjustmentMagnitude = min };
        foreach (var step in steps)
        {
            options.Steps.Add(step);
        }

        return new StepScalingPolicy(options);
    }

    /// <summary>The example of the Amazon EC2 Auto Scaling User Guide: threshold 50, percent steps on both sides.</summary>
    private static StepScalingPolicy AwsExample() => Create(
        StepAdjustmentType.PercentChangeInCapacity,
        50,
        null,
        Step(0, 10, 0),
        Step(10, 20, 10),
        Step(20, null, 30),
        Step(-10, 0, 0),
        Step(-20, -10, -10),
        Step(null, -20, -30));

    [Theory]
    [InlineData(10, 60, 11)] // +10 % of 10
    [InlineData(11, 70, 14)] // +30 % of 11 = 3.3 → 3
    [InlineData(14, 40, 13)] // −10 % of 14 = −1.4 → −1
    [InlineData(13, 30, 10)] // −30 % of 13 = −3.9 → −3
    [InlineData(10, 55, 10)] // the 0 % step
    [InlineData(10, 45, 10)]
    [InlineData(10, 1000, 13)]
    [InlineData(10, -1000, 7)]
    public void Reproduces_the_AWS_user_guide_example(int current, double metric, int expected)
        => Assert.Equal(expected, Recommend(AwsExample(), current, current, ("cpu", Valid(metric))).DesiredInstances);

    [Theory]
    [InlineData(60, 11)]    // above: lower bound inclusive → [10, 20)
    [InlineData(59.999, 10)]
    [InlineData(70, 13)]    // above: upper bound exclusive → [20, ∞)
    [InlineData(40, 9)]     // below: upper bound inclusive → (−20, −10]
    [InlineData(40.001, 10)]
    [InlineData(30.001, 9)] // below: lower bound exclusive → (−20, −10] …
    [InlineData(30, 7)]     // … so exactly 30 falls in (−∞, −20]
    public void Bounds_are_inclusive_as_in_AWS(double metric, int expected)
        => Assert.Equal(expected, Recommend(AwsExample(), 10, 10, ("cpu", Valid(metric))).DesiredInstances);

    [Theory]
    [InlineData(55, 4, ScalingReason.NoChange)] // dead band between −10 and +10
    [InlineData(60, 5, ScalingReason.ScaleUp)]
    [InlineData(75, 7, ScalingReason.ScaleUp)]
    [InlineData(40, 3, ScalingReason.ScaleDown)]
    [InlineData(20, 2, ScalingReason.ScaleDown)]
    public void Change_in_capacity_with_a_dead_band(double metric, int expected, ScalingReason reason)
    {
        var policy = Create(StepAdjustmentType.ChangeInCapacity, 50, null, Step(10, 20, 1), Step(20, null, 3), Step(-20, -10, -1), Step(null, -20, -2));
        var r = Recommend(policy, 4, 4, ("cpu", Valid(metric)));
        Assert.Equal(expected, r.DesiredInstances);
        Assert.Equal(reason, r.Reason);
        Assert.Equal(RecommendationValidity.Complete, r.Validity);
    }

    [Fact]
    public void Scale_out_only_policy_keeps_the_count_below_the_threshold()
    {
        var policy = Create(StepAdjustmentType.ChangeInCapacity, 1000, null, Step(0, null, 2));
        Assert.Equal(new ScalingRecommendation(3, ScalingReason.NoChange), Recommend(policy, 3, 3, ("cpu", Valid(999))));
        Assert.Equal(5, Recommend(policy, 3, 3, ("cpu", Valid(1000))).DesiredInstances);
    }

    [Fact]
    public void Scale_in_only_policy_acts_at_and_below_the_threshold()
    {
        var policy = Create(StepAdjustmentType.ChangeInCapacity, 20, null, Step(null, 0, -1));
        Assert.Equal(ScalingReason.NoChange, Recommend(policy, 3, 3, ("cpu", Valid(20.5))).Reason);
        Assert.Equal(2, Recommend(policy, 3, 3, ("cpu", Valid(20))).DesiredInstances);
        Assert.Equal(0, Recommend(policy, 0, 0, ("cpu", Valid(5))).DesiredInstances); // never below zero
    }

    [Fact]
    public void Exact_capacity_sets_the_count()
    {
        var policy = Create(StepAdjustmentType.ExactCapacity, 50, null, Step(0, 25, 6), Step(25, null, 10), Step(null, 0, 2));
        Assert.Equal(6, Recommend(policy, 3, 3, ("cpu", Valid(60))).DesiredInstances);
        Assert.Equal(10, Recommend(policy, 3, 3, ("cpu", Valid(80))).DesiredInstances);
        Assert.Equal(2, Recommend(policy, 3, 3, ("cpu", Valid(10))).DesiredInstances);
        Assert.Equal(ScalingReason.NoChange, Recommend(policy, 6, 6, ("cpu", Valid(60))).Reason);
    }

    [Theory]
    [InlineData(4, 25, 0, 1)]     // 1.0
    [InlineData(4, 25, 2, 2)]     // MinAdjustmentMagnitude 2 (the AWS example)
    [InlineData(10, 127, 0, 12)]  // 12.7 → 12
    [InlineData(3, 22, 0, 1)]     // 0.66 → 1
    [InlineData(3, -20, 0, -1)]   // −0.6 → −1
    [InlineData(29, -23, 0, -6)]  // −6.67 → −6
    [InlineData(29, -23, 8, -8)]
    [InlineData(0, 50, 0, 0)]     // 50 % of nothing
    [InlineData(0, 50, 1, 1)]     // … but at least the minimum magnitude: scale out from zero
    [InlineData(7, 0, 3, 0)]      // a 0 % step never moves
    [InlineData(5, -100, 0, -5)]
    public void Percent_change_rounds_as_AWS_documents(int current, int percent, int min, long expected)
        => Assert.Equal(expected, StepScalingPolicy.PercentChange(current, percent, min));

    [Fact]
    public void Percent_change_saturates_at_int_max()
    {
        var policy = Create(StepAdjustmentType.PercentChangeInCapacity, 0, null, Step(0, null, int.MaxValue));
        Assert.Equal(int.MaxValue, Recommend(policy, 1000, 1000, ("cpu", Valid(1))).DesiredInstances);
    }

    [Fact]
    public void Step_order_in_the_options_does_not_matter()
    {
        var shuffled = Create(StepAdjustmentType.PercentChangeInCapacity, 50, null, Step(null, -20, -30), Step(20, null, 30), Step(-10, 0, 0), Step(10, 20, 10), Step(-20, -10, -10), Step(0, 10, 0));
        foreach (var metric in new[] { 25.0, 35, 45, 55, 65, 75 })
        {
            Assert.Equal(Recommend(AwsExample(), 13, 13, ("cpu", Valid(metric))), Recommend(shuffled, 13, 13, ("cpu", Valid(metric))));
        }
    }

    [Fact]
    public void Invalid_metric_is_no_data()
    {
        Assert.Equal(ScalingRecommendation.NoData(10), Recommend(AwsExample(), 10, 10, ("cpu", Missing())));
        Assert.Equal(ScalingRecommendation.NoData(10), Recommend(AwsExample(), 10, 10, ("cpu", Failed())));
        Assert.Equal(ScalingRecommendation.NoData(10), Recommend(AwsExample(), 10, 10));
    }

    [Fact]
    public void Options_are_copied_at_construction()
    {
        var options = new StepScalingPolicyOptions { Metric = "cpu", Threshold = 10 };
        options.Steps.Add(Step(0, null, 1));
        var policy = new StepScalingPolicy(options);
        options.Threshold = 1000;
        options.Steps[0].Adjustment = 50;
        Assert.Equal(3, Recommend(policy, 2, 2, ("cpu", Valid(10))).DesiredInstances);
    }

    [Fact]
    public void Constructor_rejects_invalid_options_with_the_validator_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => Create(StepAdjustmentType.ChangeInCapacity, 0, null, Step(0, 10, 1)));
        Assert.Contains("Steps:0:UpperBound is 10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommend_allocates_nothing()
    {
        string[] names = ["rps", "cpu"];
        Assert.Equal(0, AllocatedBytes(AwsExample(), 10, 8, names, [Valid(1), Valid(75)]));
        Assert.Equal(0, AllocatedBytes(AwsExample(), 10, 8, names, [Valid(1), Valid(35)]));
        Assert.Equal(0, AllocatedBytes(AwsExample(), 10, 8, names, [Valid(1), Valid(50)]));
        Assert.Equal(0, AllocatedBytes(AwsExample(), 10, 8, names, [Valid(1), Missing()]));
    }
}
