namespace AutoScaling;

/// <summary>One scaling event of a group, as kept in its recent-events log.</summary>
/// <param name="Time">When the change was decided.</param>
/// <param name="From">The count before.</param>
/// <param name="To">The count decided.</param>
/// <param name="Reason">Why.</param>
/// <param name="Outcome">How the action ended.</param>
/// <param name="Reached">The count the action reached.</param>
/// <param name="Detail">What went wrong, when something did.</param>
public sealed record ScalingEvent(DateTimeOffset Time, int From, int To, ScalingReason Reason, ScalingOutcome Outcome, int Reached, string? Detail = null)
{
    /// <summary>Gets the fencing token of the lease the action was taken under (0 when no election is configured).</summary>
    public long Epoch { get; init; }
}
