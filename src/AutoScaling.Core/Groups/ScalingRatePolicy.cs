namespace AutoScaling;

/// <summary>How a <see cref="ScalingRatePolicy"/> counts its limit.</summary>
public enum ScalingRateKind : byte
{
    /// <summary>At most <see cref="ScalingRatePolicy.Value"/> instances per period.</summary>
    Instances = 0,

    /// <summary>At most <see cref="ScalingRatePolicy.Value"/> percent of the count at the start of the period, per period.</summary>
    Percent = 1,
}

/// <summary>A limit on how fast a group may change in one direction: at most so many instances, or percent, per period.</summary>
public sealed class ScalingRatePolicy
{
    /// <summary>Gets or sets whether <see cref="Value"/> counts instances or percent.</summary>
    public ScalingRateKind Kind { get; set; } = ScalingRateKind.Instances;

    /// <summary>Gets or sets the limit: instances, or percent, per <see cref="Period"/>. Must be positive.</summary>
    public int Value { get; set; } = 1;

    /// <summary>Gets or sets the period the limit applies to. Must be positive.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Creates an instance-count limit.</summary>
    /// <param name="value">Instances per period.</param>
    /// <param name="period">The period.</param>
    /// <returns>The policy.</returns>
    public static ScalingRatePolicy Instances(int value, TimeSpan period) => new() { Kind = ScalingRateKind.Instances, Value = value, Period = period };

    /// <summary>Creates a percent limit.</summary>
    /// <param name="value">Percent of the count at the start of the period.</param>
    /// <param name="period">The period.</param>
    /// <returns>The policy.</returns>
    public static ScalingRatePolicy Percent(int value, TimeSpan period) => new() { Kind = ScalingRateKind.Percent, Value = value, Period = period };
}
