using AutoScaling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomPolicySample;

/// <summary>Adds the <see cref="SloStepPolicy"/> to a group, from code or from configuration (one path: named options validated at start).</summary>
public static class SloStepPolicyBuilderExtensions
{
    /// <summary>Adds the policy, configured in code.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseSloStep(this IScalingGroupBuilder builder, Action<SloStepPolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseSloStep(o => o.Configure(configure));
    }

    /// <summary>Adds the policy, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="SloStepPolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseSloStep(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseSloStep(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseSloStep(this IScalingGroupBuilder builder, Action<OptionsBuilder<SloStepPolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SloStepPolicyOptions>, SloStepPolicyOptionsValidator>());
        return builder.UsePolicy(SloStepPolicy.Kind, options, static (_, o) => new SloStepPolicy(o), static o => [o.Metric]);
    }
}
