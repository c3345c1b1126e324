namespace AutoScaling.Controller;

internal sealed class AutoScalingControl(ScalingGroupRegistry registry) : IAutoScalingControl
{
    public IReadOnlyList<string> GroupNames => registry.GroupNames;
}
