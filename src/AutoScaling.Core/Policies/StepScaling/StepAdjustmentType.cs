namespace AutoScaling.Policies;

/// <summary>How <see cref="StepAdjustment.Adjustment"/> is applied: a change in count, a change in percent, or an exact count.</summary>
public enum StepAdjustmentType
{
    /// <summary>Add the adjustment to the current count (negative removes).</summary>
    ChangeInCapacity = 0,

    /// <summary>Set the count to the adjustment (not negative).</summary>
    ExactCapacity = 1,

    /// <summary>
    /// Add the adjustment, in percent, of the current count. A fractional change is rounded toward zero but never to zero: above 1
    /// down, between 0 and 1 to 1, between −1 and 0 to −1, below −1 up (toward zero); then raised to
    /// <see cref="StepScalingPolicyOptions.MinAdjustmentMagnitude"/> when set.
    /// </summary>
    PercentChangeInCapacity = 2,
}
