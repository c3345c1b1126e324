using AutoScaling.Decision.Behavior;

namespace AutoScaling;

/// <summary>
/// Decides one group's desired instance count, once per evaluation, without allocating: policies' recommendations
/// → combine (largest wins; a policy without valid data may vote up, never down) → clamp to min/max →
/// stabilization windows → rate policies → cooldowns.
/// </summary>
/// <remarks>
/// Holds the group's decision state (recommendation history, scale events, consecutive metric failures), so one
/// instance serves one group and is not thread-safe. All buffers are preallocated when it is built.
/// </remarks>
public sealed class ScalingDecisionEngine
{
    private readonly string _groupName;
    private readonly string[] _metricNames;
    private readonly IScalingPolicy[] _policies;
    private readonly int _min;
    private readonly int _max;
    private readonly bool _dryRun;
    private readonly long _upCooldown;
    private readonly long _downCooldown;
    private readonly int _failureThreshold;
    private readonly MetricFallbackBehavior _fallback;
    private readonly int _fallbackInstances;
    private readonly int[] _consecutiveFailures;
    private readonly Stabilizer _stabilizer;
    private readonly RateLimit _rateLimit;
    private long _lastScaleUp = long.MinValue;
    private long _lastScale = long.MinValue;

    /// <summary>Initializes a new instance of the <see cref="ScalingDecisionEngine"/> class.</summary>
    /// <param name="groupName">The group's name.</param>
    /// <param name="options">The group's settings (validated); copied, later changes have no effect.</param>
    /// <param name="metricNames">The group's metric names; samples are passed in this order.</param>
    /// <param name="policies">The group's policies.</param>
    public ScalingDecisionEngine(string groupName, ScalingGroupOptions options, IReadOnlyList<string> metricNames, IReadOnlyList<IScalingPolicy> policies)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metricNames);
        ArgumentNullException.ThrowIfNull(policies);
        if (options.MinInstances < 0 || options.MinInstances > options.MaxInstances)
        {
            throw new ArgumentException($"AutoScaling group '{groupName}': MinInstances ({options.MinInstances}) must be within 0 and MaxInstances ({options.MaxInstances}).", nameof(options));
        }

        _groupName = groupName;
        _metricNames = [.. metricNames];
        _policies = [.. policies];
        _min = options.MinInstances;
        _max = options.MaxInstances;
        _dryRun = options.DryRun;
        _upCooldown = options.ScaleUp.Cooldown.Ticks;
        _downCooldown = options.ScaleDown.Cooldown.Ticks;
        _failureThreshold = Math.Max(1, options.Fallback.FailureThreshold);
        _fallback = options.Fallback.Behavior;
        _fallbackInstances = options.Fallback.Instances;
        _consecutiveFailures = new int[_metricNames.Length];
        _stabilizer = new Stabilizer(options.ScaleUp.StabilizationWindow, options.ScaleDown.StabilizationWindow, options.Interval);
        _rateLimit = new RateLimit(options.ScaleUp, options.ScaleDown, options.Interval);
    }

    /// <summary>Gets the metric names, in the order samples are expected.</summary>
    public IReadOnlyList<string> MetricNames => _metricNames;

    /// <summary>Gets how many times in a row the metric at <paramref name="index"/> has failed.</summary>
    /// <param name="index">The metric's index in <see cref="MetricNames"/>.</param>
    /// <returns>The count.</returns>
    public int ConsecutiveFailures(int index) => _consecutiveFailures[index];

    /// <summary>Decides the desired count. Allocates nothing once the engine is warm.</summary>
    /// <param name="input">The time, counts, one sample per metric and operator overrides.</param>
    /// <returns>The decision.</returns>
    public ScalingDecision Evaluate(in ScalingEngineInput input)
    {
        if (input.Samples.Length != _metricNames.Length)
        {
            throw new ArgumentException($"Expected {_metricNames.Length} samples, got {input.Samples.Length}.", nameof(input));
        }

        var now = input.Now.UtcTicks;
        var current = input.CurrentInstances;
        var fallback = TrackFailures(input.Samples);

        if (input.Paused)
        {
            return Hold(current, current, ScalingReason.Paused);
        }

        if (current > _max)
        {
            return Commit(now, current, current, _max, ScalingReason.AboveMaximum);
        }

        if (current < _min)
        {
            return Commit(now, current, current, _min, ScalingReason.BelowMinimum);
        }

        if (input.ManualTarget is int manual)
        {
            return Commit(now, current, manual, Math.Clamp(manual, _min, _max), ScalingReason.ManualTarget);
        }

        int recommended;
        ScalingReason reason;
        if (fallback)
        {
            switch (_fallback)
            {
                case MetricFallbackBehavior.Fail:
                    return Hold(current, current, ScalingReason.MetricsFailed);
                case MetricFallbackBehavior.Fixed:
                    recommended = _fallbackInstances;
                    reason = ScalingReason.MetricFallback;
                    break;
                default:
                    return Hold(current, current, ScalingReason.MetricFallback);
            }
        }
        else if (!Combine(input, out recommended, out reason))
        {
            return Hold(current, current, ScalingReason.MissingMetrics);
        }

        var clamped = Math.Clamp(recommended, _min, _max);
        if (clamped != recommended)
        {
            reason = clamped == _max ? ScalingReason.AtMaximum : ScalingReason.AtMinimum;
        }

        var desired = _stabilizer.Stabilize(now, current, clamped);
        if (desired != clamped)
        {
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

        return Commit(now, current, recommended, desired, reason);
    }

    /// <summary>Forgets the decision history (recommendations, scale events, failures, cooldowns).</summary>
    public void Reset()
    {
        _stabilizer.Reset();
        _rateLimit.Reset();
        Array.Clear(_consecutiveFailures);
        _lastScaleUp = long.MinValue;
        _lastScale = long.MinValue;
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

    private bool Combine(in ScalingEngineInput input, out int recommended, out ScalingReason reason)
    {
        var current = input.CurrentInstances;
        var context = new ScalingContext(_groupName, input.Now, current, input.ReadyInstances, input.StartingInstances, _metricNames, input.Samples);
        recommended = -1;
        reason = ScalingReason.NoChange;
        var incomplete = false;
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

    private ScalingDecision Commit(long now, int current, int recommended, int desired, ScalingReason reason)
    {
        if (desired != current && !_dryRun)
        {
            _rateLimit.Record(now, desired - current);
            _lastScale = now;
            if (desired > current)
            {
                _lastScaleUp = now;
            }
        }

        return new ScalingDecision(current, desired, recommended, reason, _dryRun);
    }
}
