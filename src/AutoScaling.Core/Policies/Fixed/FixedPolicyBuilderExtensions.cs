using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the <see cref="FixedPolicy"/> to a group.</summary>
public static class FixedPolicyBuilderExtensions
{
    /// <summary>Adds a policy that always recommends the same count.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseFixed(this IScalingGroupBuilder builder, Action<FixedPolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseFixed(o => o.Configure(configure));
    }

    /// <summary>Adds a policy that always recommends the same count, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="FixedPolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseFixed(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseFixed(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseFixed(this IScalingGroupBuilder builder, Action<OptionsBuilder<FixedPolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FixedPolicyOptions>, FixedPolicyOptionsValidator>());
        return builder.UsePolicy(FixedPolicy.Kind, options, static (_, o) => new FixedPolicy(o), static _ => []);
    }
}
