namespace AutoScaling.Policies;

/// <summary>
/// One step of a <see cref="StepScalingPolicy"/>: a range of the metric, as offsets from
/// <see cref="StepScalingPolicyOptions.Threshold"/>, and the adjustment it applies.
/// </summary>
/// <remarks>
/// A step lies on one side of the threshold. Above it (both bounds at least 0) it applies when
/// <c>Threshold + LowerBound ≤ metric &lt; Threshold + UpperBound</c>; below it (both bounds at most 0) when
/// <c>Threshold + LowerBound &lt; metric ≤ Threshold + UpperBound</c>, so the threshold itself belongs to the side above.
/// </remarks>
public sealed class StepAdjustment
{
    /// <summary>Gets or sets the lower bound, as an offset from the threshold; <see langword="null"/> is minus infinity.</summary>
    public double? LowerBound { get; set; }

    /// <summary>Gets or sets the upper bound, as an offset from the threshold; <see langword="null"/> is plus infinity.</summary>
    public double? UpperBound { get; set; }

    /// <summary>Gets or sets the adjustment, read according to <see cref="StepScalingPolicyOptions.AdjustmentType"/>.</summary>
    /// <remarks>Above the threshold it must not be negative, below it must not be positive (except for <see cref="StepAdjustmentType.ExactCapacity"/>).</remarks>
    public int Adjustment { get; set; }
}
