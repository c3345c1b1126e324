namespace AutoScaling;

/// <summary>How much valid data stands behind a <see cref="ScalingRecommendation"/>.</summary>
public enum RecommendationValidity : byte
{
    /// <summary>Every metric the policy reads was valid: the recommendation may scale up or down.</summary>
    Complete = 0,

    /// <summary>Some metrics were missing or failed: the recommendation may scale up, never down.</summary>
    Partial = 1,

    /// <summary>No valid data: the policy does not vote, and blocks scale-down.</summary>
    None = 2,
}
