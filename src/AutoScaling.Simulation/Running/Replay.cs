using AutoScaling.Controller;

namespace AutoScaling.Simulation;

/// <summary>
/// The mechanics of a replay: the controller's loop over a simulated clock (this file) and the simulated instances
/// (Replay.Instances.cs). Times are ticks since the trace's start.
/// </summary>
/// <remarks>
/// Mirrors <c>ScalingGroupController</c>: evaluations on the interval's grid (a <c>PeriodicTimer</c>: an action that
/// outlasts the interval delays the next evaluation until it ends, missed ticks coalesce), <c>Evaluate</c> then, when the
/// decision changes the count and the group is not in dry run, the action, then <c>RecordScale</c> of what it reached at
/// the time it ended, and the controller's back-off after scale-outs that added nothing.
/// </remarks>
internal sealed partial class Replay
{

    private readonly string _groupName;
    private readonly ScalingDecisionEngine _engine;
    private readonly string[] _metricNames;
    private readonly MetricSample[] _samples = new MetricSample[2];
    private readonly long _interval;
    private readonly long _metricDelay;
    private readonly long _rateWindow;
    private readonly bool _dryRun;
    private readonly int _initial;
    private readonly DateTimeOffset? _startTime;
    private readonly double _capacity;
    private readonly double _price;
    private readonly double _idleWatts;
    private readonly double _busyWatts;

    private LoadTrace _trace = null!;
    private DateTimeOffset _epoch;
    private TraceCursor _windowStart;
    private TraceCursor _windowEnd;
    private TraceCursor _now;
    private int _actions;
    private int _directionChanges;
    private int _lastDirection;
    private ScaleUpBackoff _backoff;

    public Replay(string groupName, ScalingGroupOptions group, IReadOnlyList<IScalingPolicy> policies, SimulationOptions options)
    {
        _groupName = groupName;
        _metricNames = [options.MetricName, options.UtilizationMetricName];
        _engine = new ScalingDecisionEngine(groupName, group, _metricNames, policies);
        _interval = group.Interval.Ticks;
        _dryRun = group.DryRun;
        _metricDelay = options.MetricDelay.Ticks;
        _rateWindow = options.RateWindow.Ticks;
        _initial = options.InitialInstances ?? group.MinInstances;
        _startTime = options.StartTime;
        _capacity = options.CapacityPerInstance;
        _price = options.PricePerInstanceHour;
        _idleWatts = options.IdleWatts;
        _busyWatts = options.BusyWatts;
        _perStep = group.MaxInstancesPerStep;
        _startRetries = group.StartRetries;
        _startTimeout = group.InstanceStartTimeout.Ticks;
        _startupDelay = options.StartupDelay.Ticks;
        _startupSpread = options.StartupDelaySpread.Ticks;
        _distribution = options.StartupDelayDistribution;
        _failureRate = options.StartFailureRate;
        _drainTime = options.DrainTime.Ticks;
        _seed = options.Seed;
        _events = new PendingEvents(Math.Max(16, group.MaxInstances + group.MaxInstancesPerStep));
    }

    public SimulationScores Run(LoadTrace trace, SimulationSeries? series)
    {
        Reset(trace);
        series?.Clear();
        var end = SecondsToTicks(trace.End - trace.Start);
        var evaluations = 0;
        for (long t = 0; t < end;)
        {
            Advance(t);
            var decision = Evaluate(t);
            evaluations++;
            series?.Add(Point(t, decision));
            var ended = t;
            if (decision.IsChange && !_dryRun && !(decision.DesiredInstances > decision.CurrentInstances && _backoff.Holds(t)))
            {
                ended = Act(t, decision);
            }

            t = Math.Max(((t / _interval) + 1) * _interval, ended);
        }

        Advance(end);
        return _scores.ToScores(evaluations, _actions, _directionChanges, _price);
    }

    private void Reset(LoadTrace trace)
    {
        _trace = trace;
        _epoch = _startTime ?? DateTimeOffset.UnixEpoch.AddTicks(SecondsToTicks(trace.Start));
        _windowStart = new TraceCursor(trace);
        _windowEnd = new TraceCursor(trace);
        _now = new TraceCursor(trace);
        _engine.Reset();
        _actions = 0;
        _directionChanges = 0;
        _lastDirection = 0;
        _backoff.Reset();
        ResetInstances(trace);
    }

    private ScalingDecision Evaluate(long t)
    {
        var now = _epoch.AddTicks(t);
        var load = ObservedLoad(t);
        _samples[0] = MetricSample.Valid(load, now);
        _samples[1] = _active > 0 ? MetricSample.Valid(100 * load / (_active * _capacity), now) : MetricSample.Missing(now);
        var context = new ScalingContext(_groupName, now, _active + _starting, _active, _starting, _metricNames, _samples);
        return _engine.Evaluate(in context);
    }

    /// <summary>The load as the metric pipeline shows it at <paramref name="t"/>: <see cref="SimulationOptions.MetricDelay"/> old, averaged over the rate window.</summary>
    private double ObservedLoad(long t)
    {
        var windowEnd = Seconds(t - _metricDelay);
        return TraceCursor.Average(ref _windowStart, ref _windowEnd, windowEnd - TicksToSeconds(_rateWindow), windowEnd);
    }

    /// <summary>Carries out a decision as the controller's actuator does; returns when the action ended.</summary>
    private long Act(long t, ScalingDecision decision)
    {
        var from = decision.CurrentInstances;
        var to = decision.DesiredInstances;
        var ended = t;
        var reached = to > from ? from + ScaleUp(to - from, ref ended) : from - ScaleDown(from - to, ref ended);
        _engine.RecordScale(_epoch.AddTicks(ended), from, reached);
        _backoff.Record(t, _interval, from, to, reached);
        if (reached != from)
        {
            _actions++;
            var direction = Math.Sign(reached - from);
            if (_lastDirection != 0 && direction != _lastDirection)
            {
                _directionChanges++;
            }

            _lastDirection = direction;
        }

        return ended;
    }

    private SimulationPoint Point(long t, ScalingDecision decision)
    {
        var seconds = Seconds(t);
        var load = _trace.Rates[_now.Bucket(seconds)];
        return new SimulationPoint(seconds, load, _samples[0].Value, Policies.ScalingMath.Ceiling(load / _capacity), _active, _active + _starting + _draining, decision.DesiredInstances, decision.Reason);
    }

    private double Seconds(long t) => _trace.Start + TicksToSeconds(t);

    private static double TicksToSeconds(long ticks) => ticks / (double)TimeSpan.TicksPerSecond;

    private static long SecondsToTicks(double seconds) => (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
}
