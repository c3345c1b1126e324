using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Common;

/// <summary>Argument checks of the built-in policies' builder extensions and validators: each names the argument.</summary>
public class PolicyGuardTests
{
    public static TheoryData<string, Func<IScalingGroupBuilder, IScalingGroupBuilder>> NullArguments => new()
    {
        { "configure", g => g.UseFixed((Action<FixedPolicyOptions>)null!) },
        { "section", g => g.UseFixed((IConfiguration)null!) },
        { "configure", g => g.UseTargetTracking((Action<TargetTrackingPolicyOptions>)null!) },
        { "section", g => g.UseTargetTracking((IConfiguration)null!) },
        { "configure", g => g.UseStepScaling((Action<StepScalingPolicyOptions>)null!) },
        { "section", g => g.UseStepScaling((IConfiguration)null!) },
        { "configure", g => g.UseThresholds((Action<ThresholdPolicyOptions>)null!) },
        { "section", g => g.UseThresholds((IConfiguration)null!) },
    };

    public static TheoryData<Func<IScalingGroupBuilder, IScalingGroupBuilder>> NullBuilders => new()
    {
        g => g.UseFixed(_ => { }),
        g => g.UseFixed(JsonConfigurationOf("{}")),
        g => g.UseTargetTracking(_ => { }),
        g => g.UseTargetTracking(JsonConfigurationOf("{}")),
        g => g.UseStepScaling(_ => { }),
        g => g.UseStepScaling(JsonConfigurationOf("{}")),
        g => g.UseThresholds(_ => { }),
        g => g.UseThresholds(JsonConfigurationOf("{}")),
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public void Builder_extensions_name_a_null_argument(string parameter, Func<IScalingGroupBuilder, IScalingGroupBuilder> use)
    {
        ArgumentNullException? error = null;
        new ServiceCollection().AddAutoScaling().AddScalingGroup("web", g => error = Assert.Throws<ArgumentNullException>(() => use(g)));
        Assert.Equal(parameter, error!.ParamName);
    }

    [Theory]
    [MemberData(nameof(NullBuilders))]
    public void Builder_extensions_refuse_a_null_builder(Func<IScalingGroupBuilder, IScalingGroupBuilder> use)
        => Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => use(null!)).ParamName);

    [Fact]
    public void Validators_refuse_null_options()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new TargetTrackingPolicyOptionsValidator().Validate("x", null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new StepScalingPolicyOptionsValidator().Validate("x", null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new ThresholdPolicyOptionsValidator().Validate("x", null!)).ParamName);
    }

    [Fact]
    public void Default_options_name_no_metric_and_fail_validation_saying_so()
    {
        Assert.Equal(string.Empty, new TargetTrackingPolicyOptions().Metric);
        Assert.Equal(string.Empty, new StepScalingPolicyOptions().Metric);
        Assert.Contains(Failures(new TargetTrackingPolicyOptionsValidator(), new TargetTrackingPolicyOptions { TargetPerInstance = 1 }), f => f.Contains("Metric is ''", StringComparison.Ordinal));
    }

    private static IConfiguration JsonConfigurationOf(string json) => AutoScaling.Testing.JsonConfiguration.Parse(json);
}
