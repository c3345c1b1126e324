namespace AutoScaling;

/// <summary>What a group does once a metric has failed too many times in a row.</summary>
public enum MetricFallbackBehavior : byte
{
    /// <summary>Keep the current instance count (the default).</summary>
    Hold = 0,

    /// <summary>Scale to <see cref="MetricFallbackOptions.Instances"/>.</summary>
    Fixed = 1,

    /// <summary>Fail the evaluation: no change, an error is logged and counted on every tick.</summary>
    Fail = 2,
}

/// <summary>What a group does when a metric keeps failing; missing data is never read as zero.</summary>
/// <remarks>
/// Only <see cref="MetricStatus.Failed"/> samples count as failures. A <see cref="MetricStatus.Missing"/> sample
/// is no data: its policies do not vote and cannot scale the group down, but it does not trigger the fallback.
/// </remarks>
public sealed class MetricFallbackOptions
{
    /// <summary>Gets or sets how many consecutive failures of one metric trigger the fallback. Must be positive.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>Gets or sets what the fallback does.</summary>
    public MetricFallbackBehavior Behavior { get; set; } = MetricFallbackBehavior.Hold;

    /// <summary>Gets or sets the instance count for <see cref="MetricFallbackBehavior.Fixed"/>.</summary>
    public int Instances { get; set; }
}
