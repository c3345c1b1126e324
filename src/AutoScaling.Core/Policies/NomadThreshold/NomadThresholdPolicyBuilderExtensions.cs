using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the <see cref="NomadThresholdPolicy"/> to a group.</summary>
public static class NomadThresholdPolicyBuilderExtensions
{
    /// <summary>Adds a policy with the Nomad Autoscaler's threshold semantics: bands on one metric that act after enough recent points lie in them.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseNomadThreshold(this IScalingGroupBuilder builder, Action<NomadThresholdPolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseNomadThreshold(o => o.Configure(configure));
    }

    /// <summary>Adds a Nomad-threshold policy bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="NomadThresholdPolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseNomadThreshold(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseNomadThreshold(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseNomadThreshold(this IScalingGroupBuilder builder, Action<OptionsBuilder<NomadThresholdPolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NomadThresholdPolicyOptions>, NomadThresholdPolicyOptionsValidator>());
        return builder.UsePolicy(NomadThresholdPolicy.Kind, options, static (_, o) => new NomadThresholdPolicy(o), static o => [o.Metric]);
    }
}
