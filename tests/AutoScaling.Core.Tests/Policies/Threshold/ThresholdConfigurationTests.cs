using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Threshold;

public class ThresholdConfigurationTests
{
    [Fact]
    public void Policies_array_binds_threshold_rules()
    {
        using var services = GroupFromConfiguration(
            new Dictionary<string, string?>
            {
                ["AutoScaling:Groups:web:Policies:0:Type"] = "Threshold",
                ["AutoScaling:Groups:web:Policies:0:Mode"] = "Exponential",
                ["AutoScaling:Groups:web:Policies:0:Factor"] = "1.5",
                ["AutoScaling:Groups:web:Policies:0:Rules:0:Metric"] = "cpu",
                ["AutoScaling:Groups:web:Policies:0:Rules:0:ScaleUpAbove"] = "70",
                ["AutoScaling:Groups:web:Policies:0:Rules:0:ScaleDownBelow"] = "20",
                ["AutoScaling:Groups:web:Policies:0:Rules:1:Metric"] = "error_rate",
                ["AutoScaling:Groups:web:Policies:0:Rules:1:ScaleUpAbove"] = "5",
            },
            "cpu",
            "error_rate");

        ValidateOnStart(services);
        var policy = Assert.IsType<ThresholdPolicy>(Assert.Single(CreatePolicies(services)));
        Assert.Equal(["cpu", "error_rate"], policy.Metrics);
        Assert.Equal(6, Recommend(policy, 4, 4, ("cpu", Valid(10)), ("error_rate", Valid(6))).DesiredInstances); // ceil(4 × 1.5)
        Assert.Equal(2, Recommend(policy, 4, 4, ("cpu", Valid(10)), ("error_rate", Valid(1))).DesiredInstances); // floor(4 / 1.5)
    }

    [Fact]
    public void Invalid_rule_fails_host_start_naming_rule_field_and_value()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoScaling:Groups:web:Policies:0:Type"] = "Threshold",
            ["AutoScaling:Groups:web:Policies:0:Rules:0:Metric"] = "cpu",
            ["AutoScaling:Groups:web:Policies:0:Rules:0:ScaleUpAbove"] = "20",
            ["AutoScaling:Groups:web:Policies:0:Rules:0:ScaleDownBelow"] = "70",
        });

        // The group is otherwise complete, so the policy's options are the only failure.
        builder.Services.AddAutoScaling().AddScalingGroup("web", builder.Configuration.GetSection("AutoScaling:Groups:web"), g => g
            .UseMetric("cpu", _ => throw new InvalidOperationException("not read at start"))
            .UseInstances(_ => throw new InvalidOperationException("not created at start")));
        using var host = builder.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(
            ["AutoScaling group 'web', Threshold policy: Rules:0:ScaleDownBelow is 70; it must not be greater than ScaleUpAbove (20): the band between them is where nothing changes."],
            ex.Failures);
    }

    [Fact]
    public void Rule_on_a_metric_the_group_lacks_fails_at_start_naming_it()
    {
        using var services = CpuAndLatencyRules("cpu");

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Equal(["AutoScaling group 'web': Threshold policy: Metric is 'latency'; it is not a metric of the group (known: cpu)."], ex.Failures);
    }

    [Fact]
    public void Rules_on_metrics_of_the_group_pass_at_start()
    {
        using var services = CpuAndLatencyRules("cpu", "latency");

        ValidateOnStart(services);
        Assert.Equal(["cpu", "latency"], Assert.IsType<ThresholdPolicy>(Assert.Single(CreatePolicies(services))).Metrics);
    }

    /// <summary>A group with the given metrics and a threshold policy with rules on cpu and latency.</summary>
    private static ServiceProvider CpuAndLatencyRules(params string[] groupMetrics)
        => GroupFromCode(
            g => g.UseThresholds(t =>
            {
                t.Rules.Add(new ThresholdRule { Metric = "cpu", ScaleUpAbove = 70 });
                t.Rules.Add(new ThresholdRule { Metric = "latency", ScaleUpAbove = 1000 });
            }),
            groupMetrics);

    [Fact]
    public void Unknown_policy_type_is_refused_naming_the_entry()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Policies:0:Type"] = "Thresholds",
        }).Build();
        var services = new ServiceCollection();
        var ex = Assert.Throws<InvalidOperationException>(() => services.AddAutoScaling().AddScalingGroup("web", configuration));
        Assert.Equal("AutoScaling group 'web': Policies:0:Type is 'Thresholds'; it must be one of Fixed, TargetTracking, StepScaling, Threshold, NomadThreshold, Schedule, Predictive.", ex.Message);
    }
}
