namespace AutoScaling.Decision.Behavior;

/// <summary>
/// Rate policies for both directions. Limits count from the group's size at the start of each policy's
/// period: <c>current − added + removed</c> within it.
/// </summary>
internal sealed class RateLimit
{
    private readonly RatePolicyModel[] _up;
    private readonly RatePolicyModel[] _down;
    private readonly RatePolicySelection _upSelect;
    private readonly RatePolicySelection _downSelect;
    private readonly long _retention;
    private readonly TimedRing _events;

    public RateLimit(ScalingRules up, ScalingRules down, TimeSpan interval)
    {
        _up = Model(up.Policies, [ScalingRatePolicy.Instances(4, TimeSpan.FromSeconds(15)), ScalingRatePolicy.Percent(100, TimeSpan.FromSeconds(15))]);
        _down = Model(down.Policies, [ScalingRatePolicy.Percent(100, TimeSpan.FromSeconds(15))]);
        _upSelect = up.SelectPolicy;
        _downSelect = down.SelectPolicy;
        long longest = 0;
        foreach (var p in _up)
        {
            longest = Math.Max(longest, p.Period);
        }

        foreach (var p in _down)
        {
            longest = Math.Max(longest, p.Period);
        }

        _retention = longest;
        // Stryker disable once Arithmetic,Linq : only the initial size; the ring grows when full, so any size gives the same decisions
        _events = new TimedRing((int)Math.Clamp((longest / Math.Max(1, interval.Ticks)) + 4, 8, 4096));
    }

    public bool UpDisabled => _upSelect == RatePolicySelection.Disabled;

    public bool DownDisabled => _downSelect == RatePolicySelection.Disabled;

    /// <summary>The largest count a scale-up may reach now.</summary>
    public int UpLimit(long now, int current)
    {
        var limit = _upSelect == RatePolicySelection.Min ? int.MaxValue : int.MinValue;
        foreach (var policy in _up)
        {
            var start = PeriodStart(now, current, policy.Period);
            var proposed = policy.Kind == ScalingRateKind.Instances
                ? (long)start + policy.Value
                : (long)Math.Ceiling(start * (1 + (policy.Value / 100.0)));
            var value = (int)Math.Min(int.MaxValue, proposed);
            limit = _upSelect == RatePolicySelection.Min ? Math.Min(limit, value) : Math.Max(limit, value);
        }

        return Math.Max(limit, current);
    }

    /// <summary>The smallest count a scale-down may reach now.</summary>
    public int DownLimit(long now, int current)
    {
        var limit = _downSelect == RatePolicySelection.Min ? int.MinValue : int.MaxValue;
        foreach (var policy in _down)
        {
            var start = PeriodStart(now, current, policy.Period);
            var proposed = policy.Kind == ScalingRateKind.Instances
                ? start - policy.Value
                : (int)(start * (1 - (policy.Value / 100.0)));
            limit = _downSelect == RatePolicySelection.Min ? Math.Max(limit, proposed) : Math.Min(limit, proposed);
        }

        return Math.Min(Math.Max(limit, 0), current);
    }

    public void Record(long now, int delta)
    {
        _events.Prune(now - _retention);
        _events.Add(now, delta);
    }

    public void Reset() => _events.Clear();

    /// <summary>Takes over the scale events of the rate limit this one replaces (a reload), as far as this one's periods reach.</summary>
    public void CarryOver(RateLimit previous, long now) => _events.AddFrom(previous._events, now - _retention);

    private int PeriodStart(long now, int current, long period)
    {
        var cutoff = now - period;
        var change = 0;
        for (var i = 0; i < _events.Count; i++)
        {
            if (_events.TimeAt(i) > cutoff)
            {
                change += _events.ValueAt(i);
            }
        }

        // The count when the period began: what it is now, less what the period's additions and removals changed.
        return Math.Max(0, current - change);
    }

    private static RatePolicyModel[] Model(IList<ScalingRatePolicy> policies, ScalingRatePolicy[] defaults)
    {
        var source = policies.Count == 0 ? (IList<ScalingRatePolicy>)defaults : policies;
        var result = new RatePolicyModel[source.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new RatePolicyModel(source[i].Kind, source[i].Value, source[i].Period.Ticks);
        }

        return result;
    }

    private readonly record struct RatePolicyModel(ScalingRateKind Kind, int Value, long Period);
}
