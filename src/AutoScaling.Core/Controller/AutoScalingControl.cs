namespace AutoScaling.Controller;

internal sealed class AutoScalingControl(ScalingGroupRegistry registry) : IAutoScalingControl
{
    public IReadOnlyList<string> GroupNames => registry.GroupNames;

    public ScalingGroupStatus GetStatus(string group)
    {
        var g = registry.Get(group).Group;
        return g.Status with { Paused = g.Paused, ManualTarget = g.ManualTarget };
    }

    public IReadOnlyList<ScalingEvent> GetEvents(string group) => registry.Get(group).Group.Events.Snapshot();

    public void Pause(string group)
    {
        var g = registry.Get(group).Group;
        g.Paused = true;
        Log.Operator(g.Logger, g.Name, "paused");
    }

    public void Resume(string group)
    {
        var g = registry.Get(group).Group;
        g.Paused = false;
        Log.Operator(g.Logger, g.Name, "resumed");
    }

    public void SetManualTarget(string group, int? target)
    {
        var g = registry.Get(group).Group;
        if (target is int t && (t < g.Model.Options.MinInstances || t > g.Model.Options.MaxInstances))
        {
            throw new ArgumentOutOfRangeException(nameof(target), t, $"Group '{group}': the manual target {t} is outside MinInstances ({g.Model.Options.MinInstances}) and MaxInstances ({g.Model.Options.MaxInstances}).");
        }

        g.ManualTarget = target;
        Log.Operator(g.Logger, g.Name, target is null ? "manual target cleared" : $"manual target set to {target}");
    }
}
