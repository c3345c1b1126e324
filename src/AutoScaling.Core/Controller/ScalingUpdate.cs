namespace AutoScaling;

/// <summary>What a <see cref="ScalingUpdate"/> reports.</summary>
public enum ScalingUpdateKind : byte
{
    /// <summary>An evaluation decided; <see cref="ScalingUpdate.Status"/> carries the decision.</summary>
    Decision = 0,

    /// <summary>The group's state changed between decisions (instances during an action, operator changes, health counters).</summary>
    Status = 1,

    /// <summary>A scaling action ended, or a dry-run change was reported; <see cref="ScalingUpdate.Event"/> carries it.</summary>
    Event = 2,
}

/// <summary>One change of a group, as a watcher of <see cref="IAutoScalingControl.WatchAsync"/> receives it.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Status">The group's state after it.</param>
/// <param name="Event">The scaling event, for <see cref="ScalingUpdateKind.Event"/>.</param>
public sealed record ScalingUpdate(ScalingUpdateKind Kind, ScalingGroupStatus Status, ScalingEvent? Event = null);
