namespace AutoScaling;

/// <summary>The outcome of one evaluation of a group: the current and desired counts and why.</summary>
/// <param name="CurrentInstances">The instances counted toward the group's size when deciding (starting and active).</param>
/// <param name="DesiredInstances">The count the group should move to.</param>
/// <param name="RecommendedInstances">The combined policy recommendation before stabilization, rate limits and cooldowns (or the current count when no policy voted).</param>
/// <param name="Reason">Why the desired count is what it is; the last step that shaped it.</param>
/// <param name="IsDryRun">Whether the group only reports decisions.</param>
public readonly record struct ScalingDecision(int CurrentInstances, int DesiredInstances, int RecommendedInstances, ScalingReason Reason, bool IsDryRun)
{
    /// <summary>Gets a value indicating whether the decision changes the instance count.</summary>
    public bool IsChange => DesiredInstances != CurrentInstances;
}
