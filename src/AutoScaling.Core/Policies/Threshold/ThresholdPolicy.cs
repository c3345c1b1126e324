namespace AutoScaling.Policies;

/// <summary>
/// Scales on bands over several metrics, as the seeds' Swarm autoscaler does (CPU up above 70 and down below 20,
/// latency up above 1000 ms and down below 200 ms, error rate up above 5 %…).
/// </summary>
/// <remarks>
/// <para>
/// Up when ANY rule's metric is above its <see cref="ThresholdRule.ScaleUpAbove"/>. Down only when EVERY rule
/// that has a <see cref="ThresholdRule.ScaleDownBelow"/> is below it: all metrics are low. A rule with only an up
/// bound (an error rate, say) never blocks a scale-down, and a policy without any down bound never scales down.
/// Otherwise the count is kept (<see cref="ScalingReason.WithinTolerance"/>). Comparisons are strict.
/// </para>
/// <para>
/// Missing or failed metrics are never read as zero: the valid ones may still scale up (a
/// <see cref="RecommendationValidity.Partial"/> recommendation), never down; with no valid metric the policy
/// abstains (<see cref="ScalingRecommendation.NoData"/>).
/// </para>
/// <para>
/// Steps: <see cref="ThresholdStepMode.Linear"/> moves by <see cref="ThresholdPolicyOptions.StepSize"/>;
/// <see cref="ThresholdStepMode.Exponential"/> goes up to <c>ceil(current × Factor)</c> and down to
/// <c>floor(current / Factor)</c>; either way by at least one instance, never below zero.
/// </para>
/// </remarks>
public sealed class ThresholdPolicy : IScalingPolicy
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "Threshold";

    /// <summary>The default growth factor of <see cref="ThresholdStepMode.Exponential"/> mode: 2.</summary>
    public const double DefaultFactor = 2;

    /// <summary>The largest growth factor accepted: 10.</summary>
    public const double MaxFactor = 10;

    private readonly string[] _metrics;
    private readonly IReadOnlyList<string> _metricsView;
    private readonly double[] _upAbove;
    private readonly double[] _downBelow;
    private readonly bool[] _hasDown;
    private readonly bool _canScaleDown;
    private readonly bool _exponential;
    private readonly int _stepSize;
    private readonly double _factor;

    /// <summary>Initializes a new instance of the <see cref="ThresholdPolicy"/> class.</summary>
    /// <param name="options">The options; validated and copied, later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public ThresholdPolicy(ThresholdPolicyOptions options)
    {
        // Stryker disable once Statement : the validator called next throws the same ArgumentNullException for options
        ArgumentNullException.ThrowIfNull(options);
        var result = new ThresholdPolicyOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        var count = options.Rules.Count;
        _metrics = new string[count];
        _upAbove = new double[count];
        _downBelow = new double[count];
        _hasDown = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var rule = options.Rules[i];
            _metrics[i] = rule.Metric;
            _upAbove[i] = rule.ScaleUpAbove ?? double.PositiveInfinity; // a finite value is never above +∞
            _downBelow[i] = rule.ScaleDownBelow ?? double.NegativeInfinity;
            _hasDown[i] = rule.ScaleDownBelow is not null;
            _canScaleDown |= _hasDown[i];
        }

        _metricsView = Array.AsReadOnly(_metrics);
        _exponential = options.Mode == ThresholdStepMode.Exponential;
        _stepSize = options.StepSize;
        _factor = options.Factor;
    }

    /// <summary>Gets the metric names of the rules, in order.</summary>
    public IReadOnlyList<string> Metrics => _metricsView;

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        var current = context.CurrentInstances;
        var up = false;
        var allLow = true;
        var missing = false;
        var anyValid = false;
        for (var i = 0; i < _metrics.Length; i++)
        {
            var sample = context.GetSample(_metrics[i]);
            if (!sample.IsValid)
            {
                missing = true;
                continue;
            }

            anyValid = true;
            var value = sample.Value;
            up |= value > _upAbove[i];
            if (_hasDown[i] && !(value < _downBelow[i]))
            {
                allLow = false;
            }
        }

        if (!anyValid)
        {
            return ScalingRecommendation.NoData(current);
        }

        if (up)
        {
            return ScalingRecommendation.To(Up(current), current, missing ? RecommendationValidity.Partial : RecommendationValidity.Complete);
        }

        if (missing)
        {
            // Never down on partial data: the missing metric may be the high one.
            return new ScalingRecommendation(current, ScalingReason.MissingMetrics, RecommendationValidity.Partial);
        }

        if (_canScaleDown && allLow && current > 0)
        {
            return ScalingRecommendation.To(Down(current), current);
        }

        return ScalingRecommendation.WithinTolerance(current);
    }

    private int Up(int current)
        => _exponential
            ? Math.Max(ScalingMath.Ceiling(current * _factor), ScalingMath.Add(current, 1))
            : ScalingMath.Add(current, _stepSize);

    private int Down(int current)
        => _exponential
            ? Math.Min(ScalingMath.Floor(current / _factor), current - 1)
            : ScalingMath.Add(current, -_stepSize);
}
