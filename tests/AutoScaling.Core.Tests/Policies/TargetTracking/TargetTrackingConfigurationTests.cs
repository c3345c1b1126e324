using AutoScaling.Policies;
using Microsoft.Extensions.Options;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.TargetTracking;

public class TargetTrackingConfigurationTests
{
    [Fact]
    public void Policies_array_binds_a_target_tracking_policy()
    {
        using var services = GroupFromConfiguration(
            new Dictionary<string, string?>
            {
                ["AutoScaling:Groups:web:MaxInstances"] = "20",
                ["AutoScaling:Groups:web:Policies:0:Type"] = "TargetTracking",
                ["AutoScaling:Groups:web:Policies:0:Metric"] = "rps",
                ["AutoScaling:Groups:web:Policies:0:TargetPerInstance"] = "100",
                ["AutoScaling:Groups:web:Policies:0:ToleranceUp"] = "0",
                ["AutoScaling:Groups:web:Policies:0:ToleranceDown"] = "0.25",
            },
            "rps");

        ValidateOnStart(services);
        var policy = Assert.IsType<TargetTrackingPolicy>(Assert.Single(CreatePolicies(services)));
        Assert.Equal("rps", policy.Metric);
        Assert.Equal(ScalingReason.ScaleUp, Recommend(policy, 2, 2, ("rps", Valid(201))).Reason);        // ToleranceUp 0
        Assert.Equal(ScalingReason.WithinTolerance, Recommend(policy, 4, 4, ("rps", Valid(301))).Reason); // 0.7525 ≥ 0.75
    }

    [Fact]
    public void Invalid_configuration_fails_at_start_naming_group_field_and_value()
    {
        using var services = GroupFromConfiguration(
            new Dictionary<string, string?>
            {
                ["AutoScaling:Groups:web:Policies:0:Type"] = "TargetTracking",
                ["AutoScaling:Groups:web:Policies:0:Metric"] = "cpu",
                ["AutoScaling:Groups:web:Policies:0:TargetUtilization"] = "-60",
            },
            "cpu");

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Contains("AutoScaling group 'web', TargetTracking policy: TargetUtilization is -60; it must be a finite number greater than 0.", ex.Failures);
    }

    [Fact]
    public void Code_and_configuration_share_one_path()
    {
        using var services = GroupFromCode(g => g.UseTargetTracking(t => { t.Metric = "cpu"; t.TargetUtilization = 0; }), "cpu");
        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Contains("AutoScaling group 'web', TargetTracking policy: TargetUtilization is 0; it must be a finite number greater than 0.", ex.Failures);
    }

    [Fact]
    public void Unknown_metric_is_reported_by_the_group()
    {
        using var services = GroupFromCode(g => g.UseTargetTracking(t => { t.Metric = "latency"; t.TargetUtilization = 200; }), "cpu");
        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Contains(ex.Failures, f => f.Contains("TargetTracking policy: Metric is 'latency'", StringComparison.Ordinal));
    }
}
