namespace AutoScaling;

/// <summary>Which rate policy wins when several apply to one direction.</summary>
public enum RatePolicySelection : byte
{
    /// <summary>The policy that allows the largest change wins (the default).</summary>
    Max = 0,

    /// <summary>The policy that allows the smallest change wins.</summary>
    Min = 1,

    /// <summary>Scaling in this direction is disabled.</summary>
    Disabled = 2,
}

/// <summary>How a group scales in one direction: stabilization window, rate policies and cooldown.</summary>
public sealed class ScalingRules
{
    /// <summary>
    /// Gets or sets the stabilization window. Scaling up follows the lowest recommendation in the window,
    /// scaling down the highest, so a short spike or dip does not move the group. Zero disables it.
    /// </summary>
    public TimeSpan StabilizationWindow { get; set; }

    /// <summary>Gets the rate policies. When empty, the default limits apply (see <see cref="ScalingGroupOptions"/>).</summary>
    public IList<ScalingRatePolicy> Policies { get; } = new List<ScalingRatePolicy>();

    /// <summary>Gets or sets which rate policy wins, or disables this direction.</summary>
    public RatePolicySelection SelectPolicy { get; set; } = RatePolicySelection.Max;

    /// <summary>
    /// Gets or sets the cooldown: after a change, how long the group waits before changing again in this
    /// direction. For scale-up it counts from the last scale-up; for scale-down from the last change of either
    /// kind, so a group never shrinks right after it grew. Zero disables it.
    /// </summary>
    public TimeSpan Cooldown { get; set; }
}
