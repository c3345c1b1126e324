namespace CustomPolicySample;

/// <summary>Options of the <see cref="SloStepPolicy"/>: keep a lower-is-better signal (p95 latency, queue age) under an objective.</summary>
public sealed class SloStepPolicyOptions
{
    /// <summary>Gets or sets the group metric to watch, for example <c>p95-latency</c>. Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the objective in the metric's unit, for example 0.25 (seconds of p95 latency). Must be above 0.</summary>
    public double Objective { get; set; }

    /// <summary>Gets or sets how far above the objective adds instances in proportion: <c>step = ceil(Gain × (value / Objective − 1) × current)</c>. Default 1.</summary>
    public double Gain { get; set; } = 1;

    /// <summary>Gets or sets the most instances one evaluation adds. Default 4.</summary>
    public int MaxStepUp { get; set; } = 4;

    /// <summary>Gets or sets the fraction of the objective under which one instance is removed (0.5: below half the objective). Within 0 and 1; default 0.5.</summary>
    public double ScaleInBelow { get; set; } = 0.5;
}
