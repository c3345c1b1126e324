using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScaling;

/// <summary>Adds scaling groups to the autoscaler.</summary>
public static class AutoScalingBuilderExtensions
{
    /// <summary>Adds a scaling group configured in code.</summary>
    /// <param name="builder">The autoscaler builder.</param>
    /// <param name="name">The group's name, unique in the host.</param>
    /// <param name="configure">Adds metrics, policies and the instance provider to the group.</param>
    /// <returns>The autoscaler builder, to add more groups.</returns>
    public static IAutoScalingBuilder AddScalingGroup(this IAutoScalingBuilder builder, string name, Action<IScalingGroupBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var group = CreateGroup(builder, name);
        configure(group);
        return builder;
    }

    /// <summary>Adds a scaling group whose settings and built-in policies are bound from configuration.</summary>
    /// <param name="builder">The autoscaler builder.</param>
    /// <param name="name">The group's name, unique in the host.</param>
    /// <param name="section">The group's section, shaped as <see cref="ScalingGroupOptions"/> plus optional policy sections.</param>
    /// <param name="configure">Adds what configuration cannot: metric sources, the instance provider, custom policies.</param>
    /// <returns>The autoscaler builder, to add more groups.</returns>
    public static IAutoScalingBuilder AddScalingGroup(this IAutoScalingBuilder builder, string name, IConfiguration section, Action<IScalingGroupBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        var group = CreateGroup(builder, name);
        group.Configure(section);
        ScalingGroupConfiguration.BindPolicies(group, section);
        configure?.Invoke(group);
        return builder;
    }

    private static ScalingGroupBuilder CreateGroup(IAutoScalingBuilder builder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!ScalingGroupNames.IsValid(name))
        {
            throw new ArgumentException($"The scaling group name {MessageText.Quote(name)} is not valid: use letters, digits, '_', '.' and '-' only.", nameof(name));
        }

        var services = builder.Services;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ScalingGroupName) && descriptor.ImplementationInstance is ScalingGroupName existing
                && string.Equals(existing.Name, name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A scaling group named {MessageText.Quote(name)} is already registered.", nameof(name));
            }
        }

        services.AddSingleton(new ScalingGroupName(name));
        services.AddOptions<ScalingGroupOptions>(name).ValidateOnStart();
        services.AddOptions<ScalingGroupComposition>(name).ValidateOnStart();
        services.AddSingleton<IHostedService>(sp => Controller.ScalingGroupService.Create(sp, name));
        return new ScalingGroupBuilder(name, services);
    }
}

/// <summary>Marks a registered scaling group.</summary>
/// <param name="Name">The group's name.</param>
internal sealed record ScalingGroupName(string Name);
