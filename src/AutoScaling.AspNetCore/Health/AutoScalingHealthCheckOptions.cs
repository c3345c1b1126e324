namespace AutoScaling.AspNetCore;

/// <summary>When a group's health check reports it unhealthy.</summary>
public sealed class AutoScalingHealthCheckOptions
{
    /// <summary>
    /// Gets or sets how many evaluations in a row must fail (instances not listed, no usable metric, an action that changed
    /// nothing; see <see cref="ScalingGroupStatus.ConsecutiveFailedTicks"/>) before the group is unhealthy. 3 by default.
    /// </summary>
    public int FailedTicksThreshold { get; set; } = 3;
}
