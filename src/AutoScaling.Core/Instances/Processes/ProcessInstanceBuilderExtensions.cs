using AutoScaling.Processes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Makes local processes the instances of a group (Linux; no Docker needed).</summary>
public static class ProcessInstanceBuilderExtensions
{
    /// <summary>Runs the group's instances as local processes, one per port of a range.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options (named after the group, validated at start).</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseProcessInstances(this IScalingGroupBuilder builder, Action<ProcessInstanceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseProcessInstances(o => o.Configure(configure));
    }

    /// <summary>Runs the group's instances as local processes, with options bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="ProcessInstanceOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseProcessInstances(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseProcessInstances(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseProcessInstances(this IScalingGroupBuilder builder, Action<OptionsBuilder<ProcessInstanceOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProcessInstanceOptions>, ProcessInstanceOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<ProcessInstanceOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // A keyed singleton, so the host disposes the provider (its probe's connections); the processes keep running.
        builder.Services.AddKeyedSingleton(name, static (sp, key) => new ProcessInstanceProvider(
            (string)key!,
            sp.GetRequiredService<IOptionsMonitor<ProcessInstanceOptions>>().Get((string)key!),
            sp.GetRequiredService<TimeProvider>(),
            (ILogger?)sp.GetService<ILogger<ProcessInstanceProvider>>() ?? NullLogger.Instance));
        return builder.UseInstances(sp => sp.GetRequiredKeyedService<ProcessInstanceProvider>(name));
    }
}
