namespace AutoScaling.Policies;

/// <summary>What a <see cref="TargetTrackingPolicy"/> in utilization mode recommends when the group has no instance.</summary>
public enum TargetTrackingFromZero
{
    /// <summary>Abstain: an average over no instance means nothing, so another policy (or the minimum) must start the first one.</summary>
    Abstain = 0,

    /// <summary>As Nomad's target-value strategy: <c>ceil(metric / target)</c>, so any positive metric starts instances and 0 keeps none.</summary>
    Ratio = 1,
}
