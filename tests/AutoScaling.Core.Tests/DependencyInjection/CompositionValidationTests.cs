using AutoScaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScaling.Tests.DependencyInjection;

public class CompositionValidationTests
{
    private static async Task<OptionsValidationException> StartFails(Action<IAutoScalingBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        configure(builder.Services.AddAutoScaling());
        using var host = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Fact]
    public async Task Min_greater_than_max_names_group_field_and_value()
    {
        var error = await StartFails(a => a.AddScalingGroup("web", g => g
            .Configure(o => { o.MinInstances = 5; o.MaxInstances = 3; })
            .UseInMemoryInstances()
            .UseFixed(f => f.Instances = 1)));
        Assert.Contains("AutoScaling group 'web': MinInstances is 5; it must not be greater than MaxInstances (3).", error.Failures);
    }

    [Fact]
    public async Task Negative_interval_and_cooldown_are_rejected()
    {
        var error = await StartFails(a => a.AddScalingGroup("web", g => g
            .Configure(o => { o.Interval = TimeSpan.FromSeconds(-1); o.ScaleDown.Cooldown = TimeSpan.FromSeconds(-5); })
            .UseInMemoryInstances()
            .UseFixed(f => f.Instances = 1)));
        Assert.Contains(error.Failures, f => f.Contains("group 'web': Interval is -00:00:01; it must be positive", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("group 'web': ScaleDown:Cooldown is -00:00:05; it must not be negative", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Group_without_provider_or_policy_is_rejected()
    {
        var error = await StartFails(a => a.AddScalingGroup("bare", _ => { }));
        Assert.Contains(error.Failures, f => f.StartsWith("AutoScaling group 'bare': it has no instance provider", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("AutoScaling group 'bare': it has no scaling policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Policy_naming_an_unknown_metric_is_rejected()
    {
        var error = await StartFails(a => a.AddScalingGroup("web", g => g
            .UseMetric("rps", () => 1.0)
            .UsePolicy(_ => new Decision.PerInstancePolicy("rpx", 1), "rpx")
            .UseInMemoryInstances()));
        Assert.Contains("AutoScaling group 'web': Custom policy: Metric is 'rpx'; it is not a metric of the group (known: rps).", error.Failures);
    }

    [Fact]
    public async Task Invalid_policy_options_are_rejected_at_start()
    {
        var error = await StartFails(a => a.AddScalingGroup("web", g => g.UseInMemoryInstances().UseFixed(f => f.Instances = -2)));
        Assert.Contains("AutoScaling group 'web', Fixed policy: Instances is -2; it must not be negative.", error.Failures);
    }

    [Fact]
    public void Duplicate_and_invalid_group_names_are_rejected_when_added()
    {
        var services = new ServiceCollection();
        var builder = services.AddAutoScaling().AddScalingGroup("web", g => g.UseInMemoryInstances().UseFixed(f => f.Instances = 1));
        Assert.Contains("'web' is already registered", Assert.Throws<ArgumentException>(() => builder.AddScalingGroup("web", _ => { })).Message, StringComparison.Ordinal);
        Assert.Contains("'a b'", Assert.Throws<ArgumentException>(() => builder.AddScalingGroup("a b", _ => { })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_bound_from_configuration_runs_its_policies()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoScaling:Groups:worker:MinInstances"] = "0",
            ["AutoScaling:Groups:worker:MaxInstances"] = "4",
            ["AutoScaling:Groups:worker:ScaleUp:Cooldown"] = "00:00:30",
            ["AutoScaling:Groups:worker:ScaleDown:Policies:0:Kind"] = "Instances",
            ["AutoScaling:Groups:worker:ScaleDown:Policies:0:Value"] = "1",
            ["AutoScaling:Groups:worker:ScaleDown:Policies:0:Period"] = "00:01:00",
            ["AutoScaling:Groups:worker:Policies:0:Type"] = "Fixed",
            ["AutoScaling:Groups:worker:Policies:0:Instances"] = "3",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddAutoScaling().AddScalingGroup("worker", configuration.GetSection("AutoScaling:Groups:worker"), g => g.UseInMemoryInstances(i => i.StartupDelay = TimeSpan.Zero));
        using var sp = services.BuildServiceProvider();

        var options = sp.GetRequiredService<IOptionsMonitor<ScalingGroupOptions>>().Get("worker");
        Assert.Equal(4, options.MaxInstances);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ScaleUp.Cooldown);
        var rate = Assert.Single(options.ScaleDown.Policies);
        Assert.Equal((ScalingRateKind.Instances, 1, TimeSpan.FromMinutes(1)), (rate.Kind, rate.Value, rate.Period));

        var decision = await sp.GetRequiredService<AutoScaling.Controller.ScalingGroupRegistry>().Get("worker").TickAsync(CancellationToken.None);
        Assert.Equal(3, decision!.Value.DesiredInstances);
    }

    [Fact]
    public void Unknown_policy_type_in_configuration_names_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Policies:0:Type"] = "Magic",
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAutoScaling().AddScalingGroup("web", configuration));
        Assert.Contains("Policies:0:Type is 'Magic'", error.Message, StringComparison.Ordinal);
    }
}
