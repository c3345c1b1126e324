using AutoScaling;

namespace CustomPolicySample;

/// <summary>
/// Keeps a lower-is-better signal (p95 latency, queue age) under an objective: above it, adds instances in proportion to
/// the overshoot, <c>step = clamp(ceil(Gain × (value / Objective − 1) × current), 1, MaxStepUp)</c>; below
/// <c>ScaleInBelow × Objective</c>, removes one instance; in between, keeps the count.
/// </summary>
/// <remarks>
/// On the decision path: synchronous, no I/O, no allocation (options copied into fields; the metric read by name from
/// the context's spans). A metric that is not valid, or a group with no ready instance (a latency of nothing means
/// nothing), gives <see cref="ScalingRecommendation.NoData"/>, so the engine never scales down on missing data. While
/// instances are starting it does not scale in: their load has not reached the signal yet.
/// </remarks>
public sealed class SloStepPolicy : IScalingPolicy
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "SloStep";

    private readonly string _metric;
    private readonly double _objective;
    private readonly double _gain;
    private readonly int _maxStepUp;
    private readonly double _scaleInBelow;

    /// <summary>Initializes a new instance of the <see cref="SloStepPolicy"/> class.</summary>
    /// <param name="options">The options; validated and copied, later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each field and value.</exception>
    public SloStepPolicy(SloStepPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new SloStepPolicyOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        _metric = options.Metric;
        _objective = options.Objective;
        _gain = options.Gain;
        _maxStepUp = options.MaxStepUp;
        _scaleInBelow = options.ScaleInBelow * options.Objective;
    }

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        var current = context.CurrentInstances;
        var sample = context.GetSample(_metric);
        if (!sample.IsValid || context.ReadyInstances == 0)
        {
            return ScalingRecommendation.NoData(current);
        }

        var value = sample.Value;
        if (value > _objective)
        {
            var step = Math.Ceiling(_gain * ((value / _objective) - 1) * current);
            var add = step < 1 ? 1 : step > _maxStepUp ? _maxStepUp : (int)step;
            return ScalingRecommendation.To(current + add, current);
        }

        if (value < _scaleInBelow && context.StartingInstances == 0 && current > 0)
        {
            return ScalingRecommendation.To(current - 1, current);
        }

        return ScalingRecommendation.WithinTolerance(current);
    }
}
