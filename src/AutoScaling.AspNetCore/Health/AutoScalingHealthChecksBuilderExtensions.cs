using AutoScaling;
using AutoScaling.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a health check per scaling group.</summary>
public static class AutoScalingHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds one health check per registered group, named <c>autoscaling:{group}</c> and tagged <c>autoscaling</c>: unhealthy
    /// after <see cref="AutoScalingHealthCheckOptions.FailedTicksThreshold"/> failed evaluations in a row, degraded while a
    /// metric fallback is in force, healthy otherwise.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the threshold.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddAutoScaling(this IHealthChecksBuilder builder, Action<AutoScalingHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AutoScalingHealthCheckOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AutoScalingHealthCheckOptions>, AutoScalingHealthCheckOptionsValidator>());
        services.AddOptions<HealthCheckServiceOptions>().Configure<IAutoScalingControl, IOptions<AutoScalingHealthCheckOptions>>((o, control, options) =>
        {
            foreach (var name in control.GroupNames)
            {
                var threshold = options.Value.FailedTicksThreshold;
                o.Registrations.Add(new HealthCheckRegistration("autoscaling:" + name, _ => new ScalingGroupHealthCheck(control, name, threshold), HealthStatus.Unhealthy, ["autoscaling"]));
            }
        });
        return builder;
    }
}
