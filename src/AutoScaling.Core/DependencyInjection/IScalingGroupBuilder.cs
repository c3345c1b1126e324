using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling;

/// <summary>A handle on one scaling group: its name and the service collection. Every <c>UseXxx</c> writes named options keyed by <see cref="Name"/>.</summary>
/// <remarks>Adapters extend this interface from their own packages (<c>UseDockerContainers</c>, <c>UsePrometheusMetric</c>…).</remarks>
public interface IScalingGroupBuilder
{
    /// <summary>Gets the group's name.</summary>
    string Name { get; }

    /// <summary>Gets the service collection.</summary>
    IServiceCollection Services { get; }
}
