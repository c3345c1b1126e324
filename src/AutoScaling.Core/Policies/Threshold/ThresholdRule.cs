namespace AutoScaling.Policies;

/// <summary>One metric's band for the <see cref="ThresholdPolicy"/>: scale up above one value, allow scaling down below another.</summary>
public sealed class ThresholdRule
{
    /// <summary>Gets or sets the name of the group metric. Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the value above which (strictly) this rule asks to scale up; <see langword="null"/> never asks.</summary>
    public double? ScaleUpAbove { get; set; }

    /// <summary>Gets or sets the value below which (strictly) this rule agrees to scale down; <see langword="null"/> leaves scale-down to the other rules.</summary>
    public double? ScaleDownBelow { get; set; }
}
