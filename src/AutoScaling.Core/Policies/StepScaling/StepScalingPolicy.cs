namespace AutoScaling.Policies;

/// <summary>
/// Scales by steps sized to how far a metric is past a threshold: each step is a range of the metric and the change it applies.
/// </summary>
/// <remarks>
/// <para>
/// With <c>offset = metric − Threshold</c>: when <c>offset ≥ 0</c> the step with <c>LowerBound ≤ offset &lt; UpperBound</c>
/// applies; otherwise (or when no step above matches an offset of exactly 0) the step with
/// <c>LowerBound &lt; offset ≤ UpperBound</c> below the threshold applies. When no step applies the metric is not in
/// breach and the count is kept (<see cref="ScalingReason.NoChange"/>).
/// </para>
/// <para>
/// Adjustments follow <see cref="StepAdjustmentType"/>, computed from <see cref="ScalingContext.CurrentInstances"/>
/// (starting instances included: the count the group is heading for). Percentages are rounded toward zero but never
/// to zero: a change above 1 is rounded down, between 0 and 1
/// up to 1, between −1 and 0 down to −1, below −1 up; then a non-zero percentage changes by at least
/// <see cref="StepScalingPolicyOptions.MinAdjustmentMagnitude"/> instances, which also lets a percentage step
/// scale out from zero. A metric that is not valid yields <see cref="ScalingRecommendation.NoData"/>.
/// </para>
/// </remarks>
public sealed class StepScalingPolicy : IScalingPolicy
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "StepScaling";

    private readonly string _metric;
    private readonly double _threshold;
    private readonly StepAdjustmentType _type;
    private readonly int _minMagnitude;
    private readonly double[] _aboveLower;
    private readonly double[] _aboveUpper;
    private readonly int[] _aboveAdjustment;
    private readonly double[] _belowLower;
    private readonly double[] _belowUpper;
    private readonly int[] _belowAdjustment;

    /// <summary>Initializes a new instance of the <see cref="StepScalingPolicy"/> class.</summary>
    /// <param name="options">The options; validated and copied, later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public StepScalingPolicy(StepScalingPolicyOptions options)
    {
        // Stryker disable once Statement : the validator called next throws the same ArgumentNullException for options
        ArgumentNullException.ThrowIfNull(options);
        var result = new StepScalingPolicyOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        _metric = options.Metric;
        _threshold = options.Threshold;
        _type = options.AdjustmentType;
        _minMagnitude = options.MinAdjustmentMagnitude ?? 0;

        var above = new List<StepAdjustment>();
        var below = new List<StepAdjustment>();
        foreach (var step in options.Steps)
        {
            (step.LowerBound >= 0 ? above : below).Add(step);
        }

        Copy(above, out _aboveLower, out _aboveUpper, out _aboveAdjustment);
        Copy(below, out _belowLower, out _belowUpper, out _belowAdjustment);
    }

    /// <summary>Gets the name of the metric compared with the threshold.</summary>
    public string Metric => _metric;

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        var current = context.CurrentInstances;
        var sample = context.GetSample(_metric);
        if (!sample.IsValid)
        {
            return ScalingRecommendation.NoData(current);
        }

        var offset = sample.Value - _threshold;
        if (offset >= 0)
        {
            for (var i = 0; i < _aboveLower.Length; i++)
            {
                if (offset >= _aboveLower[i] && offset < _aboveUpper[i])
                {
                    return ScalingRecommendation.To(Apply(_aboveAdjustment[i], current), current);
                }
            }
        }

        if (offset <= 0)
        {
            for (var i = 0; i < _belowLower.Length; i++)
            {
                // Stryker disable once Equality : validated steps below are contiguous and sorted and the lowest is unbounded, so an offset equal to a lower bound matched the step before
                if (offset > _belowLower[i] && offset <= _belowUpper[i])
                {
                    return ScalingRecommendation.To(Apply(_belowAdjustment[i], current), current);
                }
            }
        }

        return new ScalingRecommendation(current, ScalingReason.NoChange);
    }

    /// <summary>Applies a percentage, rounded toward zero, but at least one instance, then at least the minimum magnitude.</summary>
    /// <param name="current">The current count.</param>
    /// <param name="percent">The percentage.</param>
    /// <param name="minMagnitude">The minimum magnitude of a non-zero change (0 for none).</param>
    /// <returns>The change in instances.</returns>
    internal static long PercentChange(int current, int percent, int minMagnitude)
    {
        var product = (long)current * percent;
        var change = product / 100; // truncates toward zero: 12.7 → 12, −6.67 → −6
        if (change == 0 && product != 0)
        {
            change = Math.Sign(product); // 0.67 → 1, −0.58 → −1
        }

        // Stryker disable once Equality : at |change| = minMagnitude the replacement has the same sign and size
        if (percent != 0 && Math.Abs(change) < minMagnitude)
        {
            change = Math.Sign(percent) * (long)minMagnitude;
        }

        return change;
    }

    private int Apply(int adjustment, int current) => _type switch
    {
        StepAdjustmentType.ExactCapacity => adjustment,
        StepAdjustmentType.PercentChangeInCapacity => ScalingMath.Add(current, PercentChange(current, adjustment, _minMagnitude)),
        _ => ScalingMath.Add(current, adjustment),
    };

    private static void Copy(List<StepAdjustment> steps, out double[] lower, out double[] upper, out int[] adjustment)
    {
        // Stryker disable once Statement,NullCoalescing : validated steps of one side do not overlap, so the order of the lookup does not change which step matches
        steps.Sort(static (a, b) => (a.LowerBound ?? double.NegativeInfinity).CompareTo(b.LowerBound ?? double.NegativeInfinity));
        lower = new double[steps.Count];
        upper = new double[steps.Count];
        adjustment = new int[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            lower[i] = steps[i].LowerBound ?? double.NegativeInfinity;
            upper[i] = steps[i].UpperBound ?? double.PositiveInfinity;
            adjustment[i] = steps[i].Adjustment;
        }
    }
}
