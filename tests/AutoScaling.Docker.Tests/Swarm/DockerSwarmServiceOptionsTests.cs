using AutoScaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Docker.Tests.Swarm;

public sealed class DockerSwarmServiceOptionsTests
{
    [Fact]
    public void Valid_options_pass()
        => Assert.True(new DockerSwarmServiceOptionsValidator().Validate("api", new DockerSwarmServiceOptions { Service = "api", BasePort = 18400 }).Succeeded);

    [Fact]
    public void Bad_fields_are_named_with_their_values()
    {
        var result = new DockerSwarmServiceOptionsValidator().Validate("api", new DockerSwarmServiceOptions
        {
            Service = string.Empty,
            BasePort = 65530,
            MaxReplicas = 10,
            ScaleTimeout = TimeSpan.Zero,
            StopGracePeriod = TimeSpan.FromSeconds(-1),
            UpdateRetries = -1,
            BindAddress = "host",
        });

        Assert.True(result.Failed);
        var all = string.Join("\n", result.Failures!);
        Assert.All(result.Failures!, f => Assert.StartsWith("AutoScaling group 'api', Docker Swarm service: ", f, StringComparison.Ordinal));
        Assert.Contains("Service is ''", all, StringComparison.Ordinal);
        Assert.Contains("BasePort is 65530", all, StringComparison.Ordinal);
        Assert.Contains("ScaleTimeout is 00:00:00", all, StringComparison.Ordinal);
        Assert.Contains("StopGracePeriod is -00:00:01", all, StringComparison.Ordinal);
        Assert.Contains("UpdateRetries is -1", all, StringComparison.Ordinal);
        Assert.Contains("BindAddress is 'host'", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_binds_configuration_and_validates_on_start()
    {
        var configuration = JsonConfiguration.Parse("""{ "Service": "api", "BasePort": 18400, "MaxReplicas": 8 }""");
        var services = new ServiceCollection();
        services.AddAutoScaling()
            .AddScalingGroup("api", g => g.UseFixed(f => f.Instances = 1).UseDockerSwarmService(configuration))
            .AddScalingGroup("bad", g => g.UseFixed(f => f.Instances = 1).UseDockerSwarmService(o => o.Service = "x"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<DockerSwarmServiceOptions>>().Get("api");
        Assert.Equal(("api", 18400, 8), (options.Service, options.BasePort, options.MaxReplicas));
        Assert.Equal(("127.0.0.1", TimeSpan.FromSeconds(30), 5), (options.BindAddress, options.ScaleTimeout, options.UpdateRetries)); // defaults kept
        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("AutoScaling group 'bad', Docker Swarm service: BasePort is 0", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("group 'api'", error.Message, StringComparison.Ordinal);
        var composition = provider.GetRequiredService<IOptionsMonitor<ScalingGroupComposition>>().Get("api");
        Assert.IsType<DockerSwarmServiceProvider>(composition.InstanceProvider!(provider));
    }
}
