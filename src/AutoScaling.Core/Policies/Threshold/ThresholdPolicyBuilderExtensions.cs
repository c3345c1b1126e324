using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the <see cref="ThresholdPolicy"/> to a group.</summary>
public static class ThresholdPolicyBuilderExtensions
{
    /// <summary>Adds a policy that scales on bands over several metrics: up when any is high, down when all are low.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseThresholds(this IScalingGroupBuilder builder, Action<ThresholdPolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseThresholds(o => o.Configure(configure));
    }

    /// <summary>Adds a threshold-band policy bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="ThresholdPolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseThresholds(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseThresholds(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseThresholds(this IScalingGroupBuilder builder, Action<OptionsBuilder<ThresholdPolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ThresholdPolicyOptions>, ThresholdPolicyOptionsValidator>());
        return builder.UsePolicy(ThresholdPolicy.Kind, options, static (_, o) => new ThresholdPolicy(o), static o => MetricsOf(o));
    }

    private static List<string> MetricsOf(ThresholdPolicyOptions options)
    {
        var metrics = new List<string>(options.Rules.Count);
        foreach (var rule in options.Rules)
        {
            // Stryker disable once Logical : options with a null rule or a repeated metric fail their own validation first, and the composition check then skips the policy
            if (rule is not null && !metrics.Contains(rule.Metric))
            {
                metrics.Add(rule.Metric);
            }
        }

        return metrics;
    }
}
