namespace AutoScaling;

/// <summary>A policy's answer: a desired instance count, why, and how much valid data backs it.</summary>
public readonly record struct ScalingRecommendation
{
    /// <summary>Initializes a new instance of the <see cref="ScalingRecommendation"/> struct.</summary>
    /// <param name="desiredInstances">The recommended instance count (not negative).</param>
    /// <param name="reason">Why.</param>
    /// <param name="validity">How much valid data backs it.</param>
    public ScalingRecommendation(int desiredInstances, ScalingReason reason, RecommendationValidity validity = RecommendationValidity.Complete)
    {
        // Stryker disable once Equality : at exactly 0 both branches give 0
        DesiredInstances = desiredInstances < 0 ? 0 : desiredInstances;
        Reason = reason;
        Validity = validity;
    }

    /// <summary>Gets the recommended instance count.</summary>
    public int DesiredInstances { get; }

    /// <summary>Gets why the policy recommends it.</summary>
    public ScalingReason Reason { get; }

    /// <summary>Gets how much valid data backs the recommendation.</summary>
    public RecommendationValidity Validity { get; }

    /// <summary>Creates a recommendation to scale to <paramref name="desiredInstances"/>; the reason follows the direction.</summary>
    /// <param name="desiredInstances">The recommended count.</param>
    /// <param name="currentInstances">The group's current count.</param>
    /// <param name="validity">How much valid data backs it.</param>
    /// <returns>The recommendation.</returns>
    public static ScalingRecommendation To(int desiredInstances, int currentInstances, RecommendationValidity validity = RecommendationValidity.Complete)
        => new(
            desiredInstances,
            desiredInstances > currentInstances ? ScalingReason.ScaleUp : desiredInstances < currentInstances ? ScalingReason.ScaleDown : ScalingReason.NoChange,
            validity);

    /// <summary>Creates a recommendation to keep the current count because the metric is within tolerance.</summary>
    /// <param name="currentInstances">The group's current count.</param>
    /// <returns>The recommendation.</returns>
    public static ScalingRecommendation WithinTolerance(int currentInstances) => new(currentInstances, ScalingReason.WithinTolerance);

    /// <summary>Creates an abstention: the policy has no valid data.</summary>
    /// <param name="currentInstances">The group's current count.</param>
    /// <returns>The recommendation.</returns>
    public static ScalingRecommendation NoData(int currentInstances) => new(currentInstances, ScalingReason.MissingMetrics, RecommendationValidity.None);
}
