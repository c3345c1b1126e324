namespace AutoScaling.Policies;

/// <summary>Options of the <see cref="StepScalingPolicy"/>: step adjustments around a threshold of a metric.</summary>
/// <remarks>
/// Steps whose bounds are at least 0 form the scale-out side (the metric at or above the threshold); steps whose
/// bounds are at most 0 form the scale-in side. Put both sides in one policy: the engine takes the largest
/// recommendation of a group's policies, so a separate scale-in policy would be outvoted by the scale-out one.
/// </remarks>
public sealed class StepScalingPolicyOptions
{
    /// <summary>Gets or sets the name of the group metric compared with the threshold. Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the alarm threshold; step bounds are offsets from it. Must be finite.</summary>
    public double Threshold { get; set; }

    /// <summary>Gets or sets how step adjustments are applied. Default <see cref="StepAdjustmentType.ChangeInCapacity"/>.</summary>
    public StepAdjustmentType AdjustmentType { get; set; } = StepAdjustmentType.ChangeInCapacity;

    /// <summary>Gets or sets the smallest number of instances a <see cref="StepAdjustmentType.PercentChangeInCapacity"/> step changes by. Only with that type; at least 1.</summary>
    public int? MinAdjustmentMagnitude { get; set; }

    /// <summary>Gets the steps: contiguous ranges without gaps or overlaps on each side of the threshold.</summary>
    public IList<StepAdjustment> Steps { get; } = new List<StepAdjustment>();
}
