namespace AutoScaling.Simulation;

/// <content>The simulated instances: start-up, start failures, draining; and the scores summed as time passes.</content>
internal sealed partial class Replay
{
    private readonly int _perStep;
    private readonly int _startRetries;
    private readonly long _startTimeout;
    private readonly long _startupDelay;
    private readonly long _startupSpread;
    private readonly StartupDelayDistribution _distribution;
    private readonly double _failureRate;
    private readonly long _drainTime;
    private readonly int _seed;
    private PendingEvents _events;
    private ScoreAccumulator _scores;
    private TraceCursor _scored;
    private Random _random = null!;
    private long _scoredUntil;
    private int _active;
    private int _starting;
    private int _draining;

    private void ResetInstances(LoadTrace trace)
    {
        _events.Clear();
        _scores = new ScoreAccumulator(_capacity, _idleWatts, _busyWatts);
        _scored = new TraceCursor(trace);
        _random = new Random(_seed);
        _scoredUntil = 0;
        _active = _initial;
        _starting = 0;
        _draining = 0;
    }

    /// <summary>Moves the simulated clock to <paramref name="until"/>: scores the time up to each due event, then applies it.</summary>
    private void Advance(long until)
    {
        while (_events.Any && _events.NextAt <= until)
        {
            var at = _events.NextAt;
            Score(at);
            _events.Pop(out var kind, out var count);
            switch (kind)
            {
                case InstanceEventKind.Active:
                    _starting -= count;
                    _active += count;
                    break;
                case InstanceEventKind.StartFailed:
                    _starting -= count;
                    break;
                default:
                    _draining -= count;
                    break;
            }
        }

        Score(until);
    }

    /// <summary>Adds the time from the last scored point to <paramref name="until"/>, split at the trace's buckets.</summary>
    private void Score(long until)
    {
        if (until <= _scoredUntil)
        {
            return;
        }

        var from = Seconds(_scoredUntil);
        var to = Math.Min(Seconds(until), _trace.End);
        var starts = _trace.Seconds;
        var rates = _trace.Rates;
        var paid = _active + _starting + _draining;
        while (from < to)
        {
            var i = _scored.Bucket(from);
            var bucketEnd = i + 1 < starts.Length ? starts[i + 1] : _trace.End;
            var pieceEnd = Math.Min(to, bucketEnd);
            _scores.Add(pieceEnd - from, rates[i], _active, paid);
            from = pieceEnd;
        }

        _scoredUntil = until;
    }

    /// <summary>Adds up to <paramref name="count"/> instances in steps, each waited for, with retries for failed starts (as the actuator does); returns how many were added.</summary>
    private int ScaleUp(int count, ref long clock)
    {
        var added = 0;
        while (added < count)
        {
            var step = Math.Min(count - added, _perStep);
            var alive = StartStep(step, ref clock);
            for (var retry = 0; alive < step && retry < _startRetries; retry++)
            {
                alive += StartStep(step - alive, ref clock);
            }

            added += alive;
            if (alive < step)
            {
                break;
            }
        }

        return added;
    }

    /// <summary>Starts <paramref name="count"/> instances at <paramref name="clock"/> and waits until each is active or failed (at most the start timeout).</summary>
    private int StartStep(int count, ref long clock)
    {
        Advance(clock);
        _starting += count;
        var alive = 0;
        var stepEnd = clock;
        for (var i = 0; i < count; i++)
        {
            var delay = DrawStartupDelay();
            var fails = _failureRate > 0 && _random.NextDouble() < _failureRate;
            if (fails || delay > _startTimeout)
            {
                delay = Math.Min(delay, _startTimeout);
                _events.Add(clock + delay, InstanceEventKind.StartFailed, 1);
            }
            else
            {
                _events.Add(clock + delay, InstanceEventKind.Active, 1);
                alive++;
            }

            stepEnd = Math.Max(stepEnd, clock + delay);
        }

        clock = stepEnd;
        Advance(clock);
        return alive;
    }

    /// <summary>Removes <paramref name="count"/> active instances in steps: each step stops taking requests at once, drains, then is gone.</summary>
    private int ScaleDown(int count, ref long clock)
    {
        var removed = 0;
        while (removed < count)
        {
            var step = Math.Min(count - removed, _perStep);
            Advance(clock);
            _active -= step;
            _draining += step;
            _events.Add(clock + _drainTime, InstanceEventKind.Drained, step);
            clock += _drainTime;
            Advance(clock);
            removed += step;
        }

        return removed;
    }

    private long DrawStartupDelay() => _distribution switch
    {
        StartupDelayDistribution.Uniform => _startupDelay - _startupSpread + (long)(_random.NextDouble() * 2 * _startupSpread),
        StartupDelayDistribution.Exponential => _startupDelay + (long)(-Math.Log(1 - _random.NextDouble()) * _startupSpread),
        _ => _startupDelay,
    };
}
