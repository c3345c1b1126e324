using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Docker.Tests;

/// <summary>UseDockerStats: options bound from configuration, validated at start with the group, metric, field and value named.</summary>
public sealed class DockerStatsBuilderTests
{
    private static ServiceProvider Build(Action<IScalingGroupBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => configure(g.UseFixed(f => f.Instances = 1).UseInMemoryInstances()));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Binds_from_configuration_and_adds_an_instance_metric_source()
    {
        var section = JsonConfiguration.Parse("""{ "Statistic": "MemoryPercent", "OwnerId": "me", "MaxParallelism": 2 }""");
        using var sp = Build(g => g.UseDockerStats("memory", section));

        var options = sp.GetRequiredService<IOptionsMonitor<DockerStatsOptions>>().Get(MetricOptionsName.Create("web", DockerStatsSource.Kind, "memory"));
        Assert.Equal(DockerStatistic.MemoryPercent, options.Statistic);
        Assert.Equal(2, options.MaxParallelism);
        var registration = Assert.Single(sp.GetRequiredService<IOptionsMonitor<ScalingGroupComposition>>().Get("web").Metrics);
        Assert.IsType<DockerStatsSource>(registration.Factory(sp));
    }

    [Fact]
    public void Invalid_options_name_the_group_the_metric_each_field_and_its_value()
    {
        using var sp = Build(g => g.UseDockerStats("cpu", s =>
        {
            s.DockerHost = "ftp://x";
            s.Statistic = (DockerStatistic)7;
            s.MaxParallelism = 0;
            s.ContainerGroup = " ";
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<DockerStatsOptions>>().Get(MetricOptionsName.Create("web", DockerStatsSource.Kind, "cpu")));
        var message = string.Join("\n", ex.Failures);
        Assert.Contains("AutoScaling group 'web', Docker stats metric 'cpu': DockerHost is 'ftp://x'", message, StringComparison.Ordinal);
        Assert.Contains("Statistic is 7", message, StringComparison.Ordinal);
        Assert.Contains("MaxParallelism is 0", message, StringComparison.Ordinal);
        Assert.Contains("ContainerGroup is ' '", message, StringComparison.Ordinal);
    }
}
