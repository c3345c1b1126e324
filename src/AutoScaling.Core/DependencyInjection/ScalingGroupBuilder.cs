using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling;

internal sealed class ScalingGroupBuilder(string name, IServiceCollection services) : IScalingGroupBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}

internal sealed class AutoScalingBuilder(IServiceCollection services) : IAutoScalingBuilder
{
    public IServiceCollection Services { get; } = services;
}
