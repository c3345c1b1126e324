using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.TargetTracking;

public class TargetTrackingPolicyOptionsValidatorTests
{
    private const string Prefix = "AutoScaling group 'web', TargetTracking policy: ";

    private static IReadOnlyList<string> Validate(TargetTrackingPolicyOptions options)
        => Failures(new TargetTrackingPolicyOptionsValidator(), options);

    [Fact]
    public void Valid_options_pass()
    {
        Assert.Empty(Validate(new() { Metric = "rps", TargetPerInstance = 100 }));
        Assert.Empty(Validate(new() { Metric = "cpu", TargetUtilization = 60, ToleranceUp = 0, ToleranceDown = 0.5 }));
    }

    [Theory]
    [InlineData("", "Metric is ''; it must name a metric of the group.")]
    [InlineData("  ", "Metric is '  '; it must name a metric of the group.")]
    public void Metric_is_required(string metric, string expected)
        => Assert.Equal([Prefix + expected], Validate(new() { Metric = metric, TargetPerInstance = 1 }));

    [Fact]
    public void One_target_is_required()
        => Assert.Equal(
            [Prefix + "TargetPerInstance is null; set exactly one of TargetPerInstance (the metric is the group's total) and TargetUtilization (the metric is an average per instance)."],
            Validate(new() { Metric = "rps" }));

    [Fact]
    public void Both_targets_are_refused()
        => Assert.Equal(
            [Prefix + "TargetUtilization is 60; it cannot be set together with TargetPerInstance (100): set exactly one."],
            Validate(new() { Metric = "rps", TargetPerInstance = 100, TargetUtilization = 60 }));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(-5.5, "-5.5")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void Targets_must_be_positive_and_finite(double target, string shown)
    {
        Assert.Equal([Prefix + $"TargetPerInstance is {shown}; it must be a finite number greater than 0."], Validate(new() { Metric = "rps", TargetPerInstance = target }));
        Assert.Equal([Prefix + $"TargetUtilization is {shown}; it must be a finite number greater than 0."], Validate(new() { Metric = "cpu", TargetUtilization = target }));
    }

    [Theory]
    [InlineData(-0.1, "-0.1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void ToleranceUp_must_be_finite_and_not_negative(double value, string shown)
        => Assert.Equal([Prefix + $"ToleranceUp is {shown}; it must be a finite number of at least 0."], Validate(new() { Metric = "rps", TargetPerInstance = 1, ToleranceUp = value }));

    [Theory]
    [InlineData(-0.1, "-0.1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void ToleranceDown_must_be_finite_and_not_negative(double value, string shown)
        => Assert.Equal([Prefix + $"ToleranceDown is {shown}; it must be a finite number of at least 0 (1 or more never scales down)."], Validate(new() { Metric = "rps", TargetPerInstance = 1, ToleranceDown = value }));

    [Theory]
    [InlineData(1)]
    [InlineData(2.5)]
    public void ToleranceDown_of_1_or_more_is_accepted_as_never_scale_down(double value)
        => Assert.Empty(Validate(new() { Metric = "rps", TargetPerInstance = 1, ToleranceDown = value }));

    [Fact]
    public void FromZero_must_be_a_known_mode()
        => Assert.Equal([Prefix + "FromZero is 7; it must be Abstain or Ratio."], Validate(new() { Metric = "cpu", TargetUtilization = 60, FromZero = (TargetTrackingFromZero)7 }));

    [Fact]
    public void Every_problem_is_reported_at_once()
        => Assert.Equal(3, Validate(new() { Metric = "", TargetUtilization = -1, ToleranceUp = -1 }).Count);
}
