using AutoScaling;
using AutoScaling.Controller;
using AutoScaling.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the autoscaler.</summary>
public static class AutoScalingServiceCollectionExtensions
{
    /// <summary>Adds the autoscaler's services. Safe to call more than once; add groups on the returned builder.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the settings shared by every group.</param>
    /// <returns>A builder to add scaling groups with.</returns>
    public static IAutoScalingBuilder AddAutoScaling(this IServiceCollection services, Action<AutoScalingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddOptions();
        var options = services.AddOptions<AutoScalingOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AutoScalingOptions>, AutoScalingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScalingGroupOptions>, ScalingGroupOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScalingGroupComposition>, ScalingGroupCompositionValidator>());
        services.TryAddSingleton<AutoScalingInstruments>();
        services.TryAddSingleton<ScalingGroupRegistry>();
        services.TryAddSingleton<IAutoScalingControl, AutoScalingControl>();

        return new AutoScalingBuilder(services);
    }
}
