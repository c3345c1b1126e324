namespace AutoScaling.Policies;

/// <summary>
/// One band of a <see cref="NomadThresholdPolicy"/>, as one <c>threshold</c> check of the Nomad Autoscaler: when at
/// least <see cref="WithinBoundsTrigger"/> recent points lie in <c>[LowerBound, UpperBound)</c>, apply one action.
/// </summary>
public sealed class NomadThresholdBand
{
    /// <summary>Gets or sets the lowest value in the band (inclusive); <see langword="null"/> for no lower bound (<c>lower_bound</c>).</summary>
    public double? LowerBound { get; set; }

    /// <summary>Gets or sets the value above the band (exclusive); <see langword="null"/> for no upper bound (<c>upper_bound</c>).</summary>
    public double? UpperBound { get; set; }

    /// <summary>Gets or sets how many of the recent points must lie in the band, not necessarily consecutive (<c>within_bounds_trigger</c>). At least 1 and at most the policy's <see cref="NomadThresholdPolicyOptions.Window"/>; default 5.</summary>
    public int WithinBoundsTrigger { get; set; } = NomadThresholdPolicy.DefaultWithinBoundsTrigger;

    /// <summary>Gets or sets the instances to add (or, negative, remove) (<c>delta</c>). Exactly one of <see cref="Delta"/>, <see cref="Percentage"/> and <see cref="Value"/>.</summary>
    public int? Delta { get; set; }

    /// <summary>Gets or sets the percentage of the current count to add (or, negative, remove), rounded up both ways (<c>percentage</c>). Finite and at least −100.</summary>
    public double? Percentage { get; set; }

    /// <summary>Gets or sets the count to scale to (<c>value</c>). At least 0.</summary>
    public int? Value { get; set; }
}
