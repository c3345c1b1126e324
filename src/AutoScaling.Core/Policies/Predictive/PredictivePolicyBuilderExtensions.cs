using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the <see cref="PredictivePolicy"/> to a group.</summary>
public static class PredictivePolicyBuilderExtensions
{
    /// <summary>
    /// Adds a policy that forecasts a metric (daily and weekly seasons) and recommends the capacity for the forecast's
    /// upper band at start-up time + buffer ahead. Combine it with a reactive policy such as target tracking: the engine
    /// takes the largest recommendation, so the forecast is a floor and the reactive policy brings capacity down.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UsePredictive(this IScalingGroupBuilder builder, Action<PredictivePolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UsePredictive(o => o.Configure(configure));
    }

    /// <summary>Adds a predictive policy, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="PredictivePolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UsePredictive(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UsePredictive(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UsePredictive(this IScalingGroupBuilder builder, Action<OptionsBuilder<PredictivePolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PredictivePolicyOptions>, PredictivePolicyOptionsValidator>());
        return builder.UsePolicy(PredictivePolicy.Kind, options, static (_, o) => new PredictivePolicy(o), static o => [o.Metric]);
    }
}
