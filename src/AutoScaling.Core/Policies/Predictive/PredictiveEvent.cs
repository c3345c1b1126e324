namespace AutoScaling.Policies;

/// <summary>A known event: the forecast is multiplied by <see cref="Multiplier"/> from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed class PredictiveEvent
{
    /// <summary>Gets or sets when the event starts (inclusive). Required.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>Gets or sets when the event ends (exclusive). Must be after <see cref="Start"/>.</summary>
    public DateTimeOffset End { get; set; }

    /// <summary>Gets or sets the factor applied to the forecast during the event (2 for a sale expected at twice the load). Finite, greater than 0.</summary>
    public double Multiplier { get; set; } = 1;
}
