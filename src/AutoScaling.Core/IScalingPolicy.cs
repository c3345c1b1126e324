namespace AutoScaling;

/// <summary>Turns the current state of a group into a recommended instance count. Pure and synchronous.</summary>
/// <remarks>
/// Called once per group per evaluation on the decision path: implementations must not block, do I/O or
/// allocate. Read metrics through <see cref="ScalingContext.GetSample(string)"/>; when a metric the policy
/// needs is not valid, return <see cref="ScalingRecommendation.NoData"/> (or a
/// <see cref="RecommendationValidity.Partial"/> recommendation): the engine then never scales down on it.
/// </remarks>
public interface IScalingPolicy
{
    /// <summary>Recommends an instance count.</summary>
    /// <param name="context">The group's state and latest samples.</param>
    /// <returns>The recommendation.</returns>
    ScalingRecommendation Recommend(in ScalingContext context);
}
