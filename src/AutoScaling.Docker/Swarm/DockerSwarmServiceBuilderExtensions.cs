using AutoScaling.Docker;
using AutoScaling.Docker.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Makes the replicas of a Docker Swarm service the instances of a group.</summary>
public static class DockerSwarmServiceBuilderExtensions
{
    /// <summary>Scales an existing Docker Swarm service: its task slots are the group's instances.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options (named after the group, validated at start).</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseDockerSwarmService(this IScalingGroupBuilder builder, Action<DockerSwarmServiceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseDockerSwarmService(o => o.Configure(configure));
    }

    /// <summary>Scales an existing Docker Swarm service, with options bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="DockerSwarmServiceOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseDockerSwarmService(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseDockerSwarmService(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseDockerSwarmService(this IScalingGroupBuilder builder, Action<OptionsBuilder<DockerSwarmServiceOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DockerSwarmServiceOptions>, DockerSwarmServiceOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<DockerSwarmServiceOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddKeyedSingleton(name, static (sp, key) => new DockerSwarmServiceProvider(
            (string)key!,
            sp.GetRequiredService<IOptionsMonitor<DockerSwarmServiceOptions>>().Get((string)key!),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<DockerSwarmServiceProvider>>()));
        builder.Services.AddSingleton<IHostedService>(sp => new DockerApiVersionCheck(
            name,
            sp.GetRequiredKeyedService<DockerSwarmServiceProvider>(name).Client,
            sp.GetService<ILogger<DockerApiVersionCheck>>() ?? NullLogger<DockerApiVersionCheck>.Instance));
        return builder.UseInstances(sp => sp.GetRequiredKeyedService<DockerSwarmServiceProvider>(name));
    }
}
