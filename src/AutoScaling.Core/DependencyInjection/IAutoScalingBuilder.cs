using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling;

/// <summary>A handle on the services of <c>AddAutoScaling()</c>, used to add scaling groups.</summary>
public interface IAutoScalingBuilder
{
    /// <summary>Gets the service collection.</summary>
    IServiceCollection Services { get; }
}
