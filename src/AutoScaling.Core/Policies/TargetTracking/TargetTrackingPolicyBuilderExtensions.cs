using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the <see cref="TargetTrackingPolicy"/> to a group.</summary>
public static class TargetTrackingPolicyBuilderExtensions
{
    /// <summary>Adds a policy that keeps a metric near a target: the count is set in proportion to the metric's ratio to its target.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseTargetTracking(this IScalingGroupBuilder builder, Action<TargetTrackingPolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseTargetTracking(o => o.Configure(configure));
    }

    /// <summary>Adds a policy that keeps a metric near a target, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="TargetTrackingPolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseTargetTracking(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseTargetTracking(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseTargetTracking(this IScalingGroupBuilder builder, Action<OptionsBuilder<TargetTrackingPolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TargetTrackingPolicyOptions>, TargetTrackingPolicyOptionsValidator>());
        return builder.UsePolicy(TargetTrackingPolicy.Kind, options, static (_, o) => new TargetTrackingPolicy(o), static o => [o.Metric]);
    }
}
