namespace AutoScaling;

/// <summary>Why a policy recommended, or the engine decided, an instance count.</summary>
public enum ScalingReason : byte
{
    /// <summary>Nothing calls for a change.</summary>
    NoChange = 0,

    /// <summary>The metric is within the tolerance around its target.</summary>
    WithinTolerance,

    /// <summary>Scale up to the recommendation.</summary>
    ScaleUp,

    /// <summary>Scale down to the recommendation.</summary>
    ScaleDown,

    /// <summary>The scale-up was cut by a scale-up rate policy.</summary>
    ScaleUpLimited,

    /// <summary>The scale-down was cut by a scale-down rate policy.</summary>
    ScaleDownLimited,

    /// <summary>The scale-up was held back by the scale-up stabilization window.</summary>
    StabilizedUp,

    /// <summary>The scale-down was held back by the scale-down stabilization window (a higher recommendation is still in it).</summary>
    StabilizedDown,

    /// <summary>The scale-up waits for the scale-up cooldown.</summary>
    CooldownUp,

    /// <summary>The scale-down waits for the scale-down cooldown.</summary>
    CooldownDown,

    /// <summary>Scaling up is disabled for the group.</summary>
    ScaleUpDisabled,

    /// <summary>Scaling down is disabled for the group.</summary>
    ScaleDownDisabled,

    /// <summary>The group is at its maximum; more was recommended.</summary>
    AtMaximum,

    /// <summary>The group is at its minimum; less was recommended.</summary>
    AtMinimum,

    /// <summary>The group was above its maximum and is brought down to it.</summary>
    AboveMaximum,

    /// <summary>The group was below its minimum and is brought up to it.</summary>
    BelowMinimum,

    /// <summary>Metrics are missing or failed: no policy could vote, or a scale-down was blocked.</summary>
    MissingMetrics,

    /// <summary>A metric failed too many times in a row; the fallback decided.</summary>
    MetricFallback,

    /// <summary>A metric failed too many times in a row and the fallback is to fail the evaluation.</summary>
    MetricsFailed,

    /// <summary>The group is paused: nothing changes.</summary>
    Paused,

    /// <summary>An operator set a manual target.</summary>
    ManualTarget,

    /// <summary>A schedule entry's floor (<see cref="Policies.ScheduleEntry.Floor"/>) is the largest recommendation.</summary>
    Scheduled,
}
