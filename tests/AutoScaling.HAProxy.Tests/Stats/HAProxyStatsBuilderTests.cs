using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.HAProxy.Tests;

/// <summary>UseHAProxyStats: options bound from configuration, validated at start with the group, metric, field and value named.</summary>
public sealed class HAProxyStatsBuilderTests
{
    private static ServiceProvider Build(Action<IScalingGroupBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g =>
        {
            g.UseFixed(f => f.Instances = 1).UseInMemoryInstances();
            configure(g);
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Binds_from_configuration_and_adds_an_instance_metric_source()
    {
        var section = JsonConfiguration.Parse("""{ "SocketPath": "/run/haproxy/admin.sock", "Backend": "web", "Statistic": "CurrentQueue" }""");
        using var sp = Build(g => g.UseHAProxyStats("queue", section));

        var options = sp.GetRequiredService<IOptionsMonitor<HAProxyStatsOptions>>().Get(MetricOptionsName.Create("web", HAProxyStatsSource.Kind, "queue"));
        Assert.Equal(HAProxyStatistic.CurrentQueue, options.Statistic);
        var registration = Assert.Single(sp.GetRequiredService<IOptionsMonitor<ScalingGroupComposition>>().Get("web").Metrics);
        Assert.Equal("queue", registration.Name);
        Assert.IsType<HAProxyStatsSource>(registration.Factory(sp));
    }

    [Fact]
    public void Invalid_options_name_the_group_the_metric_each_field_and_its_value()
    {
        using var sp = Build(g => g.UseHAProxyStats("rps", s =>
        {
            s.SocketPath = "/a.sock";
            s.TcpEndpoint = "127.0.0.1:9999";
            s.Backend = "web;shutdown";
            s.Statistic = (HAProxyStatistic)9;
            s.CommandTimeout = TimeSpan.Zero;
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<HAProxyStatsOptions>>().Get(MetricOptionsName.Create("web", HAProxyStatsSource.Kind, "rps")));
        var message = string.Join("\n", ex.Failures);
        Assert.Contains("AutoScaling group 'web', HAProxy stats metric 'rps': SocketPath is '/a.sock'", message, StringComparison.Ordinal);
        Assert.Contains("Backend is 'web;shutdown'", message, StringComparison.Ordinal);
        Assert.Contains("Statistic is 9", message, StringComparison.Ordinal);
        Assert.Contains("CommandTimeout is 00:00:00", message, StringComparison.Ordinal);
    }
}
