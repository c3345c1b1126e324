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

/// <summary>Makes Docker containers the instances of a group.</summary>
public static class DockerContainerBuilderExtensions
{
    /// <summary>Runs the group's instances as Docker containers (one per port, host networking).</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options (named after the group, validated at start).</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseDockerContainers(this IScalingGroupBuilder builder, Action<DockerContainerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseDockerContainers(o => o.Configure(configure));
    }

    /// <summary>Runs the group's instances as Docker containers, with options bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="DockerContainerOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseDockerContainers(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseDockerContainers(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseDockerContainers(this IScalingGroupBuilder builder, Action<OptionsBuilder<DockerContainerOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DockerContainerOptions>, DockerContainerOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<DockerContainerOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // A keyed singleton, so the container disposes the provider (and its HTTP connections) with the host.
        builder.Services.AddKeyedSingleton(name, static (sp, key) => new DockerContainerProvider(
            (string)key!,
            sp.GetRequiredService<IOptionsMonitor<DockerContainerOptions>>().Get((string)key!),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<DockerContainerProvider>>()));
        builder.Services.AddSingleton<IHostedService>(sp => new DockerApiVersionCheck(
            name,
            sp.GetRequiredKeyedService<DockerContainerProvider>(name).Client,
            sp.GetService<ILogger<DockerApiVersionCheck>>() ?? NullLogger<DockerApiVersionCheck>.Instance));
        return builder.UseInstances(sp => sp.GetRequiredKeyedService<DockerContainerProvider>(name));
    }
}
