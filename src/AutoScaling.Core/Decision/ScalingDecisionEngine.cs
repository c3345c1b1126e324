using AutoScaling.Decision.Behavior;

namespace AutoScaling;

/// <summary>
/// Decides one group's desired instance count, once per evaluation, without allocating: policies' recommendations
/// → combine (largest wins; a policy without valid data may vote up, never down) → clamp to min/max →
/// stabilization windows → rate policies → cooldowns.
/// </summary>
/// <remarks>
/// <para>Deciding records only the recommendation, for the stabilization windows. What an action really reached is
/// reported back with <see cref="RecordScale"/>: only that consumes rate-policy budget and starts cooldowns, so a
/// failed action costs nothing and a partial one costs what it achieved.</para>
/// <para>While metrics are missing or failing the held count enters the stabilization windows, so after an outage the
/// group scales down only once the scale-down window has filled with fresh valid recommendations, and not before as long
/// as the outage lasted (at most five minutes) has passed since it ended: a rate over a window spanning the gap reads low.</para>
/// <para>Holds the group's decision state (recommendation history, scale events, consecutive metric failures), so one
/// instance serves one group and is not thread-safe. All buffers are preallocated when it is built.</para>
/// </remarks>
public sealed class ScalingDecisionEngine
{
    private static readonly long MaxOutageHold = TimeSpan.FromMinutes(5).Ticks;

    private readonly string _groupName;
    private readonly string[] _metricNames;
    private readonly int[] _consecutiveFailures;
    private IScalingPolicy[] _policies;
    private Policies.IScalingLimits[] _limits = [];
    private int _min;
    private int _max;
    private bool _dryRun;
    private long _upCooldown;
    private long _downCooldown;
    private int _failureThreshold;
    private MetricFallbackBehavior _fallback;
    private int _fallbackInstances;
    private Stabilizer _stabilizer;
    private RateLimit _rateLimit;
    private long _lastScaleUp = long.MinValue;
    private long _lastScale = long.MinValue;
    private long _interval;
    private long _outageStart = long.MinValue;
    private long _lastNoData = long.MinValue;
    private long _noScaleDownBefore = long.MinValue;

    /// <summary>Initializes a new instance of the <see cref="ScalingDecisionEngine"/> class.</summary>
    /// <param name="groupName">The group's name.</param>
    /// <param name="options">The group's settings (validated); copied, later changes have no effect.</param>
    /// <param name="metricNames">The group's metric names; samples are passed in this order.</param>
    /// <param name="policies">The group's policies.</param>
    public ScalingDecisionEngine(string groupName, ScalingGroupOptions options, IReadOnlyList<string> metricNames, IReadOnlyList<IScalingPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        ArgumentNullException.ThrowIfNull(metricNames);
        _groupName = groupName;
        _metricNames = [.. metricNames];
        _consecutiveFailures = new int[_metricNames.Length];
        Apply(options, policies, out _stabilizer, out _rateLimit, out _policies);
    }

    /// <summary>Gets the group's name.</summary>
    public string GroupName => _groupName;

    /// <summary>Gets the metric names, in the order samples are expected.</summary>
    public IReadOnlyList<string> MetricNames => _metricNames;

    /// <summary>Gets how many times in a row the metric at <paramref name="index"/> has failed.</summary>
    /// <param name="index">The metric's index in <see cref="MetricNames"/>.</param>
    /// <returns>The count.</returns>
    public int ConsecutiveFailures(int index) => _consecutiveFailures[index];

    /// <summary>Gets how long the scale-up cooldown still runs at <paramref name="now"/> (zero when it does not).</summary>
    /// <param name="now">The time.</param>
    /// <returns>The time left.</returns>
    public TimeSpan ScaleUpCooldownRemaining(DateTimeOffset now) => Remaining(_lastScaleUp, _upCooldown, now.UtcTicks);

    /// <summary>Gets how long the scale-down cooldown (counted from any scale event) still runs at <paramref name="now"/> (zero when it does not).</summary>
    /// <param name="now">The time.</param>
    /// <returns>The time left.</returns>
    public TimeSpan ScaleDownCooldownRemaining(DateTimeOffset now) => Remaining(_lastScale, _downCooldown, now.UtcTicks);

    /// <summary>Decides the desired count. Records the recommendation for the stabilization windows and nothing else. Allocates nothing once the engine is warm.</summary>
    /// <param name="context">The time, counts, one sample per metric (in <see cref="MetricNames"/> order) and operator overrides.</param>
    /// <returns>The decision.</returns>
    public ScalingDecision Evaluate(in ScalingContext context)
    {
        if (context.Samples.Length != _metricNames.Length)
        {
            throw new ArgumentException($"Expected {_metricNames.Length} samples, got {context.Samples.Length}.", nameof(context));
        }

        var now = context.Now.UtcTicks;
        var current = context.CurrentInstances;
        var fallback = TrackFailures(context.Samples);

        if (context.Paused)
        {
            return Hold(current, current, ScalingReason.Paused);
        }

        var (min, max) = Limits(in context);
        if (current > max)
        {
            return Decided(current, current, max, ScalingReason.AboveMaximum);
        }

        if (current < min)
        {
            return Decided(current, current, min, ScalingReason.BelowMinimum);
        }

        if (context.ManualTarget is int manual)
        {
            return Decided(current, manual, Math.Clamp(manual, min, max), ScalingReason.ManualTarget);
        }

        int recommended;
        ScalingReason reason;
        if (fallback)
        {
            switch (_fallback)
            {
                case MetricFallbackBehavior.Fail:
                    return HoldWithoutData(now, current, ScalingReason.MetricsFailed);
                case MetricFallbackBehavior.Fixed:
                    NoteNoData(now);
                    recommended = _fallbackInstances;
                    reason = ScalingReason.MetricFallback;
                    break;
                default:
                    return HoldWithoutData(now, current, ScalingReason.MetricFallback);
            }
        }
        else if (!Combine(context, out recommended, out reason, out var incomplete))
        {
            return HoldWithoutData(now, current, ScalingReason.MissingMetrics);
        }
        else if (incomplete)
        {
            NoteNoData(now);
        }
        else
        {
            EndOutage(now);
        }

        var clamped = Math.Clamp(recommended, min, max);
        if (clamped != recommended)
        {
            reason = clamped == max ? ScalingReason.AtMaximum : ScalingReason.AtMinimum;
        }

        var desired = _stabilizer.Stabilize(now, current, clamped);
        if (desired != clamped)
        {
            // Stryker disable once Equality : desired differs from clamped here, so they are never equal
            reason = clamped > desired ? ScalingReason.StabilizedUp : ScalingReason.StabilizedDown;
        }

        if (desired > current)
        {
            if (_rateLimit.UpDisabled)
            {
                return Hold(current, recommended, ScalingReason.ScaleUpDisabled);
            }

            var limit = _rateLimit.UpLimit(now, current);
            if (desired > limit)
            {
                desired = limit;
                reason = ScalingReason.ScaleUpLimited;
            }

            if (desired > current && _lastScaleUp != long.MinValue && now - _lastScaleUp < _upCooldown)
            {
                return Hold(current, recommended, ScalingReason.CooldownUp);
            }
        }
        else if (desired < current)
        {
            if (now < _noScaleDownBefore)
            {
                return Hold(current, recommended, ScalingReason.MissingMetrics);
            }

            if (_rateLimit.DownDisabled)
            {
                return Hold(current, recommended, ScalingReason.ScaleDownDisabled);
            }

            var limit = _rateLimit.DownLimit(now, current);
            if (desired < limit)
            {
                desired = limit;
                reason = ScalingReason.ScaleDownLimited;
            }

            if (desired < current && _lastScale != long.MinValue && now - _lastScale < _downCooldown)
            {
                return Hold(current, recommended, ScalingReason.CooldownDown);
            }
        }

        return Decided(current, recommended, desired, reason);
    }

    /// <summary>
    /// Records what an action really did: the group went from <paramref name="from"/> to <paramref name="reached"/>
    /// instances. Only this consumes rate-policy budget and starts cooldowns; a call with no change records nothing.
    /// </summary>
    /// <param name="now">When the action ended.</param>
    /// <param name="from">The count before the action.</param>
    /// <param name="reached">The count the action reached.</param>
    public void RecordScale(DateTimeOffset now, int from, int reached)
    {
        if (reached == from)
        {
            return;
        }

        var ticks = now.UtcTicks;
        _rateLimit.Record(ticks, reached - from);
        _lastScale = ticks;
        // Stryker disable once Equality : equal counts returned above
        if (reached > from)
        {
            _lastScaleUp = ticks;
        }
    }

    /// <summary>
    /// Applies new settings and policies (a configuration reload) and keeps the decision history: recommendations,
    /// scale events, cooldown clocks and failure counts carry over. The metric names cannot change.
    /// </summary>
    /// <param name="now">The time of the change; history older than the new windows and periods is dropped.</param>
    /// <param name="options">The new settings (validated).</param>
    /// <param name="policies">The new policies.</param>
    public void Reconfigure(DateTimeOffset now, ScalingGroupOptions options, IReadOnlyList<IScalingPolicy> policies)
    {
        var previousStabilizer = _stabilizer;
        var previousRateLimit = _rateLimit;
        Apply(options, policies, out _stabilizer, out _rateLimit, out _policies);
        _stabilizer.CarryOver(previousStabilizer, now.UtcTicks);
        _rateLimit.CarryOver(previousRateLimit, now.UtcTicks);
    }

    /// <summary>Forgets the decision history (recommendations, scale events, failures, cooldowns).</summary>
    public void Reset()
    {
        _stabilizer.Reset();
        _rateLimit.Reset();
        Array.Clear(_consecutiveFailures);
        _lastScaleUp = long.MinValue;
        _lastScale = long.MinValue;
        _outageStart = long.MinValue;
        _lastNoData = long.MinValue;
        _noScaleDownBefore = long.MinValue;
    }

    private static TimeSpan Remaining(long last, long cooldown, long now)
        => last == long.MinValue || now - last >= cooldown ? TimeSpan.Zero : TimeSpan.FromTicks(cooldown - (now - last));

    /// <summary>The group's limits, narrowed by the policies that do (schedules); within the group's own, the minimum winning when they cross.</summary>
    private (int Min, int Max) Limits(in ScalingContext context)
    {
        int min = _min, max = _max;
        foreach (var limits in _limits)
        {
            limits.Narrow(in context, ref min, ref max);
        }

        min = Math.Clamp(min, _min, _max);
        return (min, Math.Clamp(max, min, _max));
    }

    private bool TrackFailures(ReadOnlySpan<MetricSample> samples)
    {
        var triggered = false;
        for (var i = 0; i < samples.Length; i++)
        {
            if (samples[i].Status == MetricStatus.Failed)
            {
                if (++_consecutiveFailures[i] >= _failureThreshold)
                {
                    triggered = true;
                }
            }
            else
            {
                _consecutiveFailures[i] = 0;
            }
        }

        return triggered;
    }

    private bool Combine(in ScalingContext context, out int recommended, out ScalingReason reason, out bool incomplete)
    {
        var current = context.CurrentInstances;
        recommended = -1;
        reason = ScalingReason.NoChange;
        incomplete = false;
        foreach (var policy in _policies)
        {
            var r = policy.Recommend(in context);
            switch (r.Validity)
            {
                case RecommendationValidity.Complete:
                    break;
                case RecommendationValidity.Partial:
                    incomplete = true;
                    if (r.DesiredInstances <= current)
                    {
                        continue;
                    }

                    break;
                default:
                    incomplete = true;
                    continue;
            }

            if (r.DesiredInstances > recommended)
            {
                recommended = r.DesiredInstances;
                reason = r.Reason;
            }
        }

        if (recommended < 0)
        {
            return false;
        }

        if (incomplete && recommended < current)
        {
            recommended = current;
            reason = ScalingReason.MissingMetrics;
        }

        return true;
    }

    private ScalingDecision Hold(int current, int recommended, ScalingReason reason)
        => new(current, current, recommended, reason, _dryRun);

    /// <summary>Holds for lack of data; the held count enters the windows so that no lone sample after an outage can scale down.</summary>
    private ScalingDecision HoldWithoutData(long now, int current, ScalingReason reason)
    {
        NoteNoData(now);
        _stabilizer.Record(now, current);
        return Hold(current, current, reason);
    }

    private void NoteNoData(long now)
    {
        if (_outageStart == long.MinValue)
        {
            _outageStart = now;
        }

        _lastNoData = now;
    }

    /// <summary>
    /// Metrics are back. A rate over a window that spans the gap reads low for a while, so after an outage no scale-down
    /// happens for as long as the outage lasted (at most five minutes), on top of the scale-down window that the held
    /// counts fill.
    /// </summary>
    private void EndOutage(long now)
    {
        // Stryker disable once Statement,Block : without an outage, the arithmetic below yields a time long past, which Max ignores
        if (_outageStart == long.MinValue)
        {
            return;
        }

        var length = Math.Min(_lastNoData - _outageStart + _interval, MaxOutageHold);
        _noScaleDownBefore = Math.Max(_noScaleDownBefore, _lastNoData + length);
        _outageStart = long.MinValue;
    }

    private ScalingDecision Decided(int current, int recommended, int desired, ScalingReason reason)
        => new(current, desired, recommended, reason, _dryRun);

    private void Apply(ScalingGroupOptions options, IReadOnlyList<IScalingPolicy> policies, out Stabilizer stabilizer, out RateLimit rateLimit, out IScalingPolicy[] policyArray)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policies);
        if (options.MinInstances < 0 || options.MinInstances > options.MaxInstances)
        {
            throw new ArgumentException($"AutoScaling group '{_groupName}': MinInstances ({options.MinInstances}) must be within 0 and MaxInstances ({options.MaxInstances}).", nameof(options));
        }

        policyArray = [.. policies];
        _limits = [.. policies.OfType<Policies.IScalingLimits>()];
        _min = options.MinInstances;
        _max = options.MaxInstances;
        _dryRun = options.DryRun;
        _upCooldown = options.ScaleUp.Cooldown.Ticks;
        _downCooldown = options.ScaleDown.Cooldown.Ticks;
        _failureThreshold = Math.Max(1, options.Fallback.FailureThreshold);
        _interval = options.Interval.Ticks;
        _fallback = options.Fallback.Behavior;
        _fallbackInstances = options.Fallback.Instances;
        stabilizer = new Stabilizer(options.ScaleUp.StabilizationWindow, options.ScaleDown.StabilizationWindow, options.Interval);
        rateLimit = new RateLimit(options.ScaleUp, options.ScaleDown, options.Interval);
    }
}
