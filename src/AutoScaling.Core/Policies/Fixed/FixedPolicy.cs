namespace AutoScaling.Policies;

/// <summary>Always recommends the same instance count. Useful for schedules, tests and holding a floor.</summary>
public sealed class FixedPolicy : IScalingPolicy
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "Fixed";

    private readonly int _instances;

    /// <summary>Initializes a new instance of the <see cref="FixedPolicy"/> class.</summary>
    /// <param name="options">The options.</param>
    public FixedPolicy(FixedPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Instances);
        _instances = options.Instances;
    }

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
        => ScalingRecommendation.To(_instances, context.CurrentInstances);
}
