namespace AutoScaling.Policies;

/// <summary>
/// Keeps a metric near a target: <c>ratio = usage / target</c>; within
/// <c>[1 − ToleranceDown, 1 + ToleranceUp]</c> the count is kept, otherwise <c>desired = ceil(ratio × ready)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Per instance (<see cref="TargetTrackingPolicyOptions.TargetPerInstance"/>): the metric is the group's total and
/// <c>usage = total / ready</c>, so <c>desired = ceil(total / target)</c>. From zero ready instances the policy
/// still knows the demand: <c>ceil(total / target)</c> (0 when the total is 0); while every instance is still
/// starting it only scales up from that, never down.
/// </para>
/// <para>
/// Utilization (<see cref="TargetTrackingPolicyOptions.TargetUtilization"/>): the metric is an average over the
/// ready instances, so it means nothing without them: with no ready instance the policy holds while instances are
/// starting and abstains (<see cref="ScalingRecommendation.NoData"/>) when the group is empty.
/// </para>
/// <para>
/// Instances still starting count toward the current size: a scale-up never recommends less than the current
/// count and a scale-down never more, so the recommendation is monotonic in the metric. A metric that is not
/// valid yields <see cref="ScalingRecommendation.NoData"/>: missing is never read as zero. Ceilings tolerate
/// floating-point noise of 1e-12 (relative) above an integer.
/// </para>
/// <para>
/// Per-instance samples (from an <see cref="IInstanceMetricSource"/>): when at least one active instance has a valid
/// sample, the policy computes as the Kubernetes HPA does from per-pod metrics. <c>ratio = mean(sample of each active
/// instance that reported) / target</c>. With no silent active instance, and no starting instance while
/// <c>ratio &gt; 1</c>, that is the answer (<c>ceil(ratio × reporting)</c>). Otherwise a second pass: a silent active
/// instance counts as using exactly the target when <c>ratio &lt; 1</c> and 0 when <c>ratio &gt; 1</c>; a starting
/// instance counts as 0 when <c>ratio &gt; 1</c>; the ratio is recomputed over all of them, and the count is kept when
/// the new ratio is within tolerance, lies on the other side of 1, or gives a count that moves against the direction.
/// </para>
/// <para>
/// <see cref="TargetTrackingPolicyOptions.ToleranceDown"/> of 1 or more never scales down.
/// <see cref="TargetTrackingPolicyOptions.FromZero"/> chooses what utilization mode does from zero instances.
/// </para>
/// </remarks>
public sealed class TargetTrackingPolicy : IScalingPolicy
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "TargetTracking";

    /// <summary>The default tolerance on each side of the target: 0.1 (10 %).</summary>
    public const double DefaultTolerance = 0.1;

    private readonly string _metric;
    private readonly double _target;
    private readonly bool _perInstance;
    private readonly double _lowestRatio;
    private readonly double _highestRatio;
    private readonly bool _ratioFromZero;

    /// <summary>Initializes a new instance of the <see cref="TargetTrackingPolicy"/> class.</summary>
    /// <param name="options">The options; validated and copied, later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public TargetTrackingPolicy(TargetTrackingPolicyOptions options)
    {
        // Stryker disable once Statement : the validator called next throws the same ArgumentNullException for options
        ArgumentNullException.ThrowIfNull(options);
        var result = new TargetTrackingPolicyOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        _metric = options.Metric;
        _perInstance = options.TargetPerInstance is not null;
        _target = options.TargetPerInstance ?? options.TargetUtilization!.Value;
        _lowestRatio = options.ToleranceDown >= 1 ? double.NegativeInfinity : 1 - options.ToleranceDown;
        _highestRatio = 1 + options.ToleranceUp;
        _ratioFromZero = options.FromZero == TargetTrackingFromZero.Ratio;
    }

    /// <summary>Gets the name of the tracked metric.</summary>
    public string Metric => _metric;

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        var current = context.CurrentInstances;
        if (context.TryGetInstanceSamples(_metric, out var perInstance) && FromInstances(perInstance, context.InstanceStates, current) is { } fromInstances)
        {
            return fromInstances;
        }

        var sample = context.GetSample(_metric);
        if (!sample.IsValid)
        {
            return ScalingRecommendation.NoData(current);
        }

        var value = sample.Value;
        var ready = context.ReadyInstances;
        if (ready <= 0)
        {
            return FromNoReadyInstance(value, current);
        }

        var ratio = _perInstance ? value / (_target * ready) : value / _target;
        if (IsWithinTolerance(ratio))
        {
            return ScalingRecommendation.WithinTolerance(current);
        }

        // Stryker disable once Conditional : per instance, ratio × ready is value / target up to rounding noise, which Ceiling absorbs
        var desired = ScalingMath.Ceiling(_perInstance ? value / _target : ratio * ready);

        // Stryker disable once Equality : a ratio equal to the upper bound returned WithinTolerance above
        desired = ratio > _highestRatio ? Math.Max(desired, current) : Math.Min(desired, current);
        return ScalingRecommendation.To(desired, current);
    }

    private bool IsWithinTolerance(double ratio) => ratio >= _lowestRatio && ratio <= _highestRatio;

    /// <summary>The HPA's readiness-aware calculation over per-instance samples; <see langword="null"/> when no active instance reported.</summary>
    private ScalingRecommendation? FromInstances(ReadOnlySpan<MetricSample> samples, ReadOnlySpan<InstanceState> states, int current)
    {
        double sum = 0;
        int reporting = 0, silent = 0, starting = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            if (states[i] != InstanceState.Active)
            {
                starting++;
            }
            else if (samples[i].IsValid)
            {
                sum += samples[i].Value;
                reporting++;
            }
            else
            {
                silent++;
            }
        }

        if (reporting == 0)
        {
            return null;
        }

        var ratio = sum / reporting / _target;
        var upWithStarting = starting > 0 && ratio > 1;
        if (!upWithStarting && silent == 0)
        {
            if (IsWithinTolerance(ratio))
            {
                return ScalingRecommendation.WithinTolerance(current);
            }

            var desired = ScalingMath.Ceiling(ratio * reporting);
            desired = ratio > 1 ? Math.Max(desired, current) : Math.Min(desired, current);
            return ScalingRecommendation.To(desired, current);
        }

        // Second pass: the silent instances at the target on the way down and at 0 on the way up (at exactly 1 they stay
        // out, as in the HPA), the starting ones at 0 on the way up.
        var counted = reporting;
        if (ratio < 1)
        {
            sum += silent * _target;
            counted += silent;
        }
        else if (ratio > 1)
        {
            counted += silent + starting; // ratio > 1 with starting instances is upWithStarting
        }

        var newRatio = sum / counted / _target;
        if (IsWithinTolerance(newRatio) || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1))
        {
            return ScalingRecommendation.WithinTolerance(current);
        }

        var next = ScalingMath.Ceiling(newRatio * counted);
        if ((newRatio < 1 && next > current) || (newRatio > 1 && next < current))
        {
            return ScalingRecommendation.WithinTolerance(current);
        }

        return ScalingRecommendation.To(next, current);
    }

    private ScalingRecommendation FromNoReadyInstance(double value, int current)
    {
        if (!_perInstance)
        {
            if (current == 0 && _ratioFromZero)
            {
                // Nomad's target-value from 0: ceil(value / target), so any positive value starts instances.
                return ScalingRecommendation.To(ScalingMath.Ceiling(value / _target), current);
            }

            // An average over no instance: nothing to compute from.
            return current > 0 ? ScalingRecommendation.WithinTolerance(current) : ScalingRecommendation.NoData(current);
        }

        var needed = ScalingMath.Ceiling(value / _target);
        if (current > 0 && needed <= current)
        {
            // Everything is still starting: scale up if demand already exceeds it, never down on no-ready data.
            return ScalingRecommendation.WithinTolerance(current);
        }

        return ScalingRecommendation.To(needed, current);
    }
}
