using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoScaling.AspNetCore;

/// <summary>One group's health: unhealthy after <c>N</c> failed evaluations in a row, degraded while a metric fallback decides.</summary>
internal sealed class ScalingGroupHealthCheck(IAutoScalingControl control, string group, int threshold) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = control.GetStatus(group);
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["consecutiveFailedTicks"] = status.ConsecutiveFailedTicks,
            ["metricFallbackActive"] = status.MetricFallbackActive,
            ["paused"] = status.Paused,
        };
        var result = status.ConsecutiveFailedTicks >= threshold
            ? new HealthCheckResult(context.Registration.FailureStatus, $"Group '{group}' failed to act or to read its metrics in {status.ConsecutiveFailedTicks} evaluations in a row (threshold {threshold}).", data: data)
            : status.MetricFallbackActive
                ? HealthCheckResult.Degraded($"Group '{group}': a metric keeps failing and the fallback decides.", data: data)
                : HealthCheckResult.Healthy($"Group '{group}' is evaluated and acts.", data);
        return Task.FromResult(result);
    }
}
