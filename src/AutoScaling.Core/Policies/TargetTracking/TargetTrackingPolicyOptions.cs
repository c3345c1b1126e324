namespace AutoScaling.Policies;

/// <summary>Options of the <see cref="TargetTrackingPolicy"/>: keep a metric near a target by sizing the group in proportion to it.</summary>
/// <remarks>
/// Set exactly one of <see cref="TargetPerInstance"/> (the metric is the group's total, such as requests per
/// second summed over instances) and <see cref="TargetUtilization"/> (the metric is already an average over the
/// ready instances, such as CPU percent).
/// </remarks>
public sealed class TargetTrackingPolicyOptions
{
    /// <summary>Gets or sets the name of the group metric to track. Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the target value per ready instance when the metric is the group's total (for example 100 requests/s per instance). Must be greater than 0.</summary>
    public double? TargetPerInstance { get; set; }

    /// <summary>Gets or sets the target value of a metric that is an average over the ready instances (for example 60 for 60 % CPU). Must be greater than 0.</summary>
    public double? TargetUtilization { get; set; }

    /// <summary>Gets or sets how far above 1 the usage ratio may go before scaling up (0.1 = 10 %). At least 0; default 0.1.</summary>
    public double ToleranceUp { get; set; } = TargetTrackingPolicy.DefaultTolerance;

    /// <summary>Gets or sets how far below 1 the usage ratio may go before scaling down (0.1 = 10 %). Finite, at least 0; 1 or more never scales down (as in the HPA); default 0.1.</summary>
    public double ToleranceDown { get; set; } = TargetTrackingPolicy.DefaultTolerance;

    /// <summary>Gets or sets what <see cref="TargetUtilization"/> mode does from zero instances. Default <see cref="TargetTrackingFromZero.Abstain"/>.</summary>
    public TargetTrackingFromZero FromZero { get; set; } = TargetTrackingFromZero.Abstain;
}
