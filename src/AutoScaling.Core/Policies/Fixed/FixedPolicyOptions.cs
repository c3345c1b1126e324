namespace AutoScaling.Policies;

/// <summary>Options of the <see cref="FixedPolicy"/>: a constant instance count, for schedules and tests.</summary>
public sealed class FixedPolicyOptions
{
    /// <summary>Gets or sets the recommended instance count. Must not be negative.</summary>
    public int Instances { get; set; } = 1;
}
