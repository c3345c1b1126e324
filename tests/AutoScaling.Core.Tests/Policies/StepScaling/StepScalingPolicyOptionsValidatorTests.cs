using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.StepScaling;

public class StepScalingPolicyOptionsValidatorTests
{
    private const string Prefix = "AutoScaling group 'web', StepScaling policy: ";

    private static StepAdjustment Step(double? lower, double? upper, int adjustment)
        => new() { LowerBound = lower, UpperBound = upper, Adjustment = adjustment };

    private static IReadOnlyList<string> Validate(StepAdjustmentType type, params StepAdjustment?[] steps)
        => Validate(o => o.AdjustmentType = type, steps);

    private static IReadOnlyList<string> Validate(Action<StepScalingPolicyOptions> configure, params StepAdjustment?[] steps)
    {
        var options = new StepScalingPolicyOptions { Metric = "cpu", Threshold = 50 };
        configure(options);
        foreach (var step in steps)
        {
            options.Steps.Add(step!);
        }

        return Failures(new StepScalingPolicyOptionsValidator(), options);
    }

    private static void Single(string expected, IReadOnlyList<string> failures)
        => Assert.Equal([Prefix + expected], failures);

    [Fact]
    public void Valid_configurations_pass()
    {
        Assert.Empty(Validate(StepAdjustmentType.ChangeInCapacity, Step(0, null, 1)));
        Assert.Empty(Validate(StepAdjustmentType.ChangeInCapacity, Step(null, 0, -1)));
        Assert.Empty(Validate(StepAdjustmentType.ChangeInCapacity, Step(10, 20, 1), Step(20, null, 3), Step(-20, -10, -1), Step(null, -20, -2)));
        Assert.Empty(Validate(o => { o.AdjustmentType = StepAdjustmentType.PercentChangeInCapacity; o.MinAdjustmentMagnitude = 2; }, Step(0, null, 25), Step(null, 0, -100)));
        Assert.Empty(Validate(StepAdjustmentType.ExactCapacity, Step(0, null, 10), Step(null, 0, 0)));
    }

    [Fact]
    public void Metric_is_required()
        => Single("Metric is ''; it must name a metric of the group.", Validate(o => o.Metric = "", Step(0, null, 1)));

    [Fact]
    public void Threshold_must_be_finite()
        => Single("Threshold is NaN; it must be a finite number.", Validate(o => o.Threshold = double.NaN, Step(0, null, 1)));

    [Fact]
    public void AdjustmentType_must_be_known()
        => Assert.Contains(Prefix + "AdjustmentType is 7; it must be ChangeInCapacity, ExactCapacity or PercentChangeInCapacity.", Validate((StepAdjustmentType)7, Step(0, null, 1)));

    [Fact]
    public void MinAdjustmentMagnitude_only_with_percent()
        => Single(
            "MinAdjustmentMagnitude is 2; it applies only with AdjustmentType PercentChangeInCapacity (AdjustmentType is ChangeInCapacity).",
            Validate(o => o.MinAdjustmentMagnitude = 2, Step(0, null, 1)));

    [Fact]
    public void MinAdjustmentMagnitude_at_least_one()
        => Single(
            "MinAdjustmentMagnitude is 0; it must be at least 1 (or null).",
            Validate(o => { o.AdjustmentType = StepAdjustmentType.PercentChangeInCapacity; o.MinAdjustmentMagnitude = 0; }, Step(0, null, 1)));

    [Fact]
    public void Steps_are_required()
        => Single("Steps is empty; at least one step (LowerBound, UpperBound, Adjustment) is required.", Validate(StepAdjustmentType.ChangeInCapacity));

    [Fact]
    public void Null_step_is_refused()
        => Single("Steps:1 is null; a step is required.", Validate(StepAdjustmentType.ChangeInCapacity, Step(0, null, 1), null));

    [Fact]
    public void Bounds_must_be_finite()
    {
        Single("Steps:0:LowerBound is NaN; it must be a finite number, or null for minus infinity.", Validate(StepAdjustmentType.ChangeInCapacity, Step(double.NaN, null, 1)));
        Single("Steps:0:UpperBound is Infinity; it must be a finite number, or null for plus infinity.", Validate(StepAdjustmentType.ChangeInCapacity, Step(0, double.PositiveInfinity, 1)));
    }

    [Fact]
    public void Step_unbounded_on_both_sides_is_refused()
        => Single("Steps:0:UpperBound is null; LowerBound and UpperBound cannot both be null: a step is bounded on at least one side.", Validate(StepAdjustmentType.ChangeInCapacity, Step(null, null, 1)));

    [Fact]
    public void Upper_must_exceed_lower()
        => Assert.Contains(Prefix + "Steps:0:UpperBound is 5; it must be greater than LowerBound (5).", Validate(StepAdjustmentType.ChangeInCapacity, Step(5, 5, 1), Step(10, null, 2)));

    [Fact]
    public void A_step_cannot_span_the_threshold()
    {
        const string OneSide = "a step lies on one side of the threshold: bounds both at least 0 (above) or both at most 0 (below); split it at 0.";
        Assert.Contains(Prefix + "Steps:0:LowerBound is -5; with UpperBound 5 the step spans the threshold: " + OneSide, Validate(StepAdjustmentType.ChangeInCapacity, Step(-5, 5, 1)));
        Assert.Contains(Prefix + "Steps:0:LowerBound is -5; with UpperBound null (plus infinity) it must be at least 0: " + OneSide, Validate(StepAdjustmentType.ChangeInCapacity, Step(-5, null, 1)));
        Assert.Contains(Prefix + "Steps:0:UpperBound is 5; with LowerBound null (minus infinity) it must be at most 0: " + OneSide, Validate(StepAdjustmentType.ChangeInCapacity, Step(null, 5, -1)));
    }

    [Fact]
    public void Gap_above_is_refused()
        => Single(
            "Steps:1:LowerBound is 15; it leaves a gap after Steps:0 (UpperBound 10): ranges must be contiguous.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(0, 10, 1), Step(15, null, 2)));

    [Fact]
    public void Overlap_above_is_refused()
        => Single(
            "Steps:0:LowerBound is 5; it overlaps Steps:1 (UpperBound 10): ranges must not overlap.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(5, null, 2), Step(0, 10, 1)));

    [Fact]
    public void Two_unbounded_steps_above_are_refused()
        => Single(
            "Steps:0:UpperBound is null; it overlaps Steps:1 (LowerBound 10): only the highest step above the threshold may be unbounded.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(0, null, 1), Step(10, null, 2)));

    [Fact]
    public void Highest_step_above_must_be_unbounded()
        => Single(
            "Steps:1:UpperBound is 20; the highest step above the threshold must have no UpperBound (null, plus infinity), or metrics above it are not covered.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(0, 10, 1), Step(10, 20, 2)));

    [Fact]
    public void Gap_below_is_refused()
        => Single(
            "Steps:0:LowerBound is -10; it leaves a gap after Steps:1 (UpperBound -15): ranges must be contiguous.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(-10, 0, -1), Step(null, -15, -2)));

    [Fact]
    public void Overlap_below_is_refused()
        => Single(
            "Steps:0:LowerBound is -10; it overlaps Steps:1 (UpperBound -5): ranges must not overlap.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(-10, 0, -1), Step(null, -5, -2)));

    [Fact]
    public void Two_unbounded_steps_below_are_refused()
        => Single(
            "Steps:0:LowerBound is null; it overlaps Steps:1 (UpperBound -10): only the lowest step below the threshold may be unbounded.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(null, 0, -1), Step(null, -10, -2)));

    [Fact]
    public void Lowest_step_below_must_be_unbounded()
        => Single(
            "Steps:0:LowerBound is -10; the lowest step below the threshold must have no LowerBound (null, minus infinity), or metrics below it are not covered.",
            Validate(StepAdjustmentType.ChangeInCapacity, Step(-10, 0, -1)));

    [Theory]
    [InlineData(StepAdjustmentType.ChangeInCapacity)]
    [InlineData(StepAdjustmentType.PercentChangeInCapacity)]
    public void Adjustment_sign_must_match_the_side(StepAdjustmentType type)
    {
        Single("Steps:0:Adjustment is -1; a step above the threshold must not scale in: use a value of at least 0.", Validate(type, Step(0, null, -1)));
        Single("Steps:0:Adjustment is 2; a step below the threshold must not scale out: use a value of at most 0.", Validate(type, Step(null, 0, 2)));
    }

    [Fact]
    public void Percent_cannot_remove_more_than_everything()
        => Single(
            "Steps:0:Adjustment is -150; a percentage cannot remove more than the whole group: use a value of at least -100.",
            Validate(StepAdjustmentType.PercentChangeInCapacity, Step(null, 0, -150)));

    [Fact]
    public void Exact_capacity_is_not_negative()
        => Single(
            "Steps:0:Adjustment is -1; with AdjustmentType ExactCapacity it is an instance count and must not be negative.",
            Validate(StepAdjustmentType.ExactCapacity, Step(null, 0, -1)));

    [Fact]
    public void Every_problem_is_reported_at_once()
        => Assert.Equal(4, Validate(o => o.Metric = " ", Step(0, 10, -1), Step(null, null, 0)).Count); // metric, sign, unbounded both, highest bounded

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_step_with_invalid_bounds_is_reported_for_its_bounds_not_its_direction(int adjustment)
    {
        var failures = Validate(StepAdjustmentType.ChangeInCapacity, Step(10, 5, adjustment));
        Assert.NotEmpty(failures);
        Assert.DoesNotContain(failures, f => f.Contains("must not scale", StringComparison.Ordinal));
    }
}
