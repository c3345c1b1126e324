namespace AutoScaling;

/// <summary>How a scaling action ended.</summary>
public enum ScalingOutcome : byte
{
    /// <summary>The group reached the desired count.</summary>
    Succeeded = 0,

    /// <summary>The group moved toward the desired count but did not reach it (instances failed to start, the group was paused…).</summary>
    Partial = 1,

    /// <summary>Nothing changed: the provider failed.</summary>
    Failed = 2,

    /// <summary>The group is in dry-run mode: the change was decided and reported, not made.</summary>
    DryRun = 3,

    /// <summary>The host stopped during the action.</summary>
    Cancelled = 4,

    /// <summary>The host's lease ran out (another host may lead): the remaining provider and router calls were not made. Not a failure of the backend.</summary>
    NotLeader = 5,
}
