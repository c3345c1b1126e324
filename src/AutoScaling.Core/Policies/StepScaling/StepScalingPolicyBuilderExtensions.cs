using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the <see cref="StepScalingPolicy"/> to a group.</summary>
public static class StepScalingPolicyBuilderExtensions
{
    /// <summary>Adds a policy that scales by steps sized to how far a metric is past a threshold.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseStepScaling(this IScalingGroupBuilder builder, Action<StepScalingPolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseStepScaling(o => o.Configure(configure));
    }

    /// <summary>Adds a step-scaling policy bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="StepScalingPolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseStepScaling(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseStepScaling(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseStepScaling(this IScalingGroupBuilder builder, Action<OptionsBuilder<StepScalingPolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StepScalingPolicyOptions>, StepScalingPolicyOptionsValidator>());
        return builder.UsePolicy(StepScalingPolicy.Kind, options, static (_, o) => new StepScalingPolicy(o), static o => [o.Metric]);
    }
}
