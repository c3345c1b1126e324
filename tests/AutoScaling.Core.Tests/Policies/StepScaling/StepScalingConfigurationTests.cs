using AutoScaling.Policies;
using Microsoft.Extensions.Options;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.StepScaling;

public class StepScalingConfigurationTests
{
    [Fact]
    public void Policies_array_binds_a_step_scaling_policy_with_its_steps()
    {
        using var services = GroupFromConfiguration(
            new Dictionary<string, string?>
            {
                ["AutoScaling:Groups:web:Policies:0:Type"] = "StepScaling",
                ["AutoScaling:Groups:web:Policies:0:Metric"] = "cpu",
                ["AutoScaling:Groups:web:Policies:0:Threshold"] = "50",
                ["AutoScaling:Groups:web:Policies:0:AdjustmentType"] = "PercentChangeInCapacity",
                ["AutoScaling:Groups:web:Policies:0:MinAdjustmentMagnitude"] = "2",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:LowerBound"] = "0",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:UpperBound"] = "20",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:Adjustment"] = "10",
                ["AutoScaling:Groups:web:Policies:0:Steps:1:LowerBound"] = "20",
                ["AutoScaling:Groups:web:Policies:0:Steps:1:Adjustment"] = "50",
                ["AutoScaling:Groups:web:Policies:0:Steps:2:UpperBound"] = "-20",
                ["AutoScaling:Groups:web:Policies:0:Steps:2:Adjustment"] = "-25",
            },
            "cpu");

        ValidateOnStart(services);
        var policy = Assert.IsType<StepScalingPolicy>(Assert.Single(CreatePolicies(services)));
        Assert.Equal("cpu", policy.Metric);
        Assert.Equal(12, Recommend(policy, 10, 10, ("cpu", Valid(55))).DesiredInstances);  // +10 % = 1 → MinAdjustmentMagnitude 2
        Assert.Equal(15, Recommend(policy, 10, 10, ("cpu", Valid(90))).DesiredInstances);  // +50 %
        Assert.Equal(10, Recommend(policy, 10, 10, ("cpu", Valid(40))).DesiredInstances);  // dead band (−20, 0)
        Assert.Equal(8, Recommend(policy, 10, 10, ("cpu", Valid(30))).DesiredInstances);   // −25 % = −2.5 → −2 (already the minimum magnitude)
        Assert.Equal(2, Recommend(policy, 4, 4, ("cpu", Valid(30))).DesiredInstances);     // −25 % of 4 = −1 → MinAdjustmentMagnitude 2
    }

    [Fact]
    public void Invalid_steps_fail_at_start_naming_the_step_field_and_value()
    {
        using var services = GroupFromConfiguration(
            new Dictionary<string, string?>
            {
                ["AutoScaling:Groups:web:Policies:0:Type"] = "StepScaling",
                ["AutoScaling:Groups:web:Policies:0:Metric"] = "cpu",
                ["AutoScaling:Groups:web:Policies:0:Threshold"] = "70",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:LowerBound"] = "0",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:UpperBound"] = "10",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:Adjustment"] = "1",
                ["AutoScaling:Groups:web:Policies:0:Steps:1:LowerBound"] = "15",
                ["AutoScaling:Groups:web:Policies:0:Steps:1:Adjustment"] = "3",
            },
            "cpu");

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Contains("AutoScaling group 'web', StepScaling policy: Steps:1:LowerBound is 15; it leaves a gap after Steps:0 (UpperBound 10): ranges must be contiguous.", ex.Failures);
    }

    [Fact]
    public void Code_path_registers_the_same_policy()
    {
        using var services = GroupFromCode(
            g => g.UseStepScaling(s =>
            {
                s.Metric = "queue";
                s.Threshold = 100;
                s.Steps.Add(new StepAdjustment { LowerBound = 0, Adjustment = 2 });
            }),
            "queue");

        ValidateOnStart(services);
        var policy = Assert.IsType<StepScalingPolicy>(Assert.Single(CreatePolicies(services)));
        Assert.Equal(5, Recommend(policy, 3, 3, ("queue", Valid(150))).DesiredInstances);
    }

    [Fact]
    public void Unknown_adjustment_type_fails_at_start_naming_the_path_and_value()
    {
        using var services = GroupFromConfiguration(
            new Dictionary<string, string?>
            {
                ["AutoScaling:Groups:web:Policies:0:Type"] = "StepScaling",
                ["AutoScaling:Groups:web:Policies:0:Metric"] = "cpu",
                ["AutoScaling:Groups:web:Policies:0:AdjustmentType"] = "Percent",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:LowerBound"] = "0",
                ["AutoScaling:Groups:web:Policies:0:Steps:0:Adjustment"] = "10",
            },
            "cpu");

        var ex = Assert.ThrowsAny<Exception>(() => ValidateOnStart(services));
        var message = ex is AggregateException a ? string.Join(" ", a.InnerExceptions.Select(e => e.Message)) : ex.Message;
        Assert.Contains("AutoScaling:Groups:web:Policies:0:AdjustmentType", message, StringComparison.Ordinal);
        Assert.Contains("Percent", message, StringComparison.Ordinal);
    }
}
