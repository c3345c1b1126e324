namespace AutoScaling.Controller;

internal sealed class ScalingGroupRegistry(IEnumerable<ScalingGroupName> names)
{
    public IReadOnlyList<string> GroupNames { get; } = names.Select(n => n.Name).ToArray();
}
