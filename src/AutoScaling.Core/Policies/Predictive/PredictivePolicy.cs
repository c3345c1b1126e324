using AutoScaling.Forecasting;

namespace AutoScaling.Policies;

/// <summary>
/// Forecasts a metric's load up to start-up time + buffer ahead with an additive Holt-Winters model (daily season, and
/// optionally a weekly one) and recommends <c>ceil(max upper band × event multiplier / TargetPerInstance)</c>, the
/// maximum taken over the buckets from now + start-up time to the horizon, so the capacity is there when the load arrives.
/// </summary>
/// <remarks>
/// <para>The recommendation is a floor: the engine takes the largest of its policies' recommendations, so with a reactive
/// policy (target tracking: "the hybrid") the forecast holds capacity up ahead of a rise and the reactive policy brings it
/// down once the forecast falls. Used alone it would follow its forecast down, so pair it with one.</para>
/// <para>Warm-up (less than a day of history), <see cref="PredictiveMode.ForecastOnly"/> and an invalid sample vote 0
/// with <see cref="RecommendationValidity.Complete"/>: a vote that never raises the count. Not
/// <see cref="ScalingRecommendation.NoData"/>, because the engine reads an abstention as a reason to block scale-down,
/// which would hold the reactive policy at its peak for the whole warm-up (or forever in ForecastOnly).</para>
/// <para>State: the model learns from each evaluation's sample (bucket means; see <see cref="SeasonalForecaster"/>),
/// O(1) and without allocating. Samples inside a known event are divided by its multiplier before they are learned.
/// The policy keeps its state across runs, so one instance serves one group.</para>
/// </remarks>
public sealed class PredictivePolicy : IScalingPolicy, IForecastingPolicy, IMetricHistoryLearner
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "Predictive";

    private readonly string _metric;
    private readonly double _target;
    private readonly bool _forecastOnly;
    private readonly TimeSpan _horizon;
    private readonly TimeSpan _startup;
    private readonly TimeSpan _bucket;
    private readonly PredictiveEvent[] _events;
    private readonly ForecasterSettings _settings;
    private SeasonalForecaster _model;
    private readonly Lock _gate = new();
    private Snapshot _last;

    /// <summary>Initializes a new instance of the <see cref="PredictivePolicy"/> class.</summary>
    /// <param name="options">The options; validated and copied, later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public PredictivePolicy(PredictivePolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new PredictivePolicyOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        _metric = options.Metric;
        _target = options.TargetPerInstance;
        _forecastOnly = options.Mode == PredictiveMode.ForecastOnly;
        _horizon = options.StartupTime + options.Buffer;
        _startup = options.StartupTime;
        _bucket = options.Bucket;
        _events = [.. options.Events.Select(static e => new PredictiveEvent { Start = e.Start, End = e.End, Multiplier = e.Multiplier })];
        _settings = ForecasterSettings.From(options, (int)(_horizon.Ticks / options.Bucket.Ticks) + 1);
        _model = new SeasonalForecaster(_settings);
    }

    /// <summary>Gets the name of the forecast metric.</summary>
    public string Metric => _metric;

    /// <summary>Gets the forecast's horizon: start-up time plus buffer.</summary>
    public TimeSpan Horizon => _horizon;

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        var now = context.Now;
        var sample = context.GetSample(_metric);
        if (sample.IsValid)
        {
            _model.Observe(now, sample.Value / Multiplier(now));
        }
        else
        {
            _model.Advance(now);
        }

        if (!_model.IsReady)
        {
            Publish(new Snapshot(false, default, 0, 0, 0));
            return Neutral;
        }

        // Capacity for the highest upper band from when an instance started now is ready to the horizon: the
        // controller waits for the start-up before its next action, so nothing later can cover that span.
        var at = now + _horizon;
        var multiplier = Multiplier(at);
        var mean = _model.Forecast(at, out var half);
        var upper = (mean + half) * multiplier;
        for (var t = now + _startup; t < at; t += _bucket)
        {
            upper = Math.Max(upper, (_model.Forecast(t, out var h) + h) * Multiplier(t));
        }

        var instances = ScalingMath.Ceiling(Math.Max(0, upper) / _target);
        Publish(new Snapshot(true, at, mean * multiplier, half * multiplier, instances));
        if (_forecastOnly || !sample.IsValid)
        {
            return Neutral;
        }

        return new ScalingRecommendation(instances, instances > context.CurrentInstances ? ScalingReason.ScaleUp : ScalingReason.NoChange);
    }

    /// <inheritdoc/>
    public ForecastStatus GetForecast()
    {
        Snapshot s;
        double mape, coverage;
        long scored;
        lock (_gate)
        {
            s = _last;
            mape = _model.Mape;
            coverage = _model.Coverage;
            scored = _model.Scored;
        }

        return new ForecastStatus
        {
            Metric = _metric,
            ForecastOnly = _forecastOnly,
            Ready = s.Ready,
            ForecastFor = s.Ready ? s.At : null,
            Value = s.Ready ? s.Mean : null,
            Lower = s.Ready ? Math.Max(0, s.Mean - s.Half) : null,
            Upper = s.Ready ? s.Mean + s.Half : null,
            Instances = s.Ready ? s.Instances : null,
            MapePercent = double.IsNaN(mape) ? null : 100 * mape,
            CoveragePercent = double.IsNaN(coverage) ? null : 100 * coverage,
            Scored = scored,
        };
    }

    /// <inheritdoc/>
    int IMetricHistoryLearner.Learn(IReadOnlyList<MetricHistoryPoint> points)
    {
        var learned = 0;
        var last = DateTimeOffset.MinValue;
        foreach (var (time, value) in points)
        {
            if (time < last || !double.IsFinite(value))
            {
                continue;
            }

            _model.Observe(time, value / Multiplier(time));
            last = time;
            learned++;
        }

        return learned;
    }

    /// <inheritdoc/>
    /// <remarks>Only a model of the same metric and settings (bucket, seasons, smoothing, horizon, band, accuracy window)
    /// is taken over, as is; any other change starts a new one, which the group's history source (if any) fills again.</remarks>
    bool IMetricHistoryLearner.Adopt(IMetricHistoryLearner previous)
    {
        if (previous is not PredictivePolicy p || p._metric != _metric || p._settings != _settings)
        {
            return false;
        }

        _model = p._model;
        return true;
    }

    private static ScalingRecommendation Neutral => new(0, ScalingReason.NoChange);

    private double Multiplier(DateTimeOffset time)
    {
        var m = 1.0;
        foreach (var e in _events)
        {
            if (time >= e.Start && time < e.End)
            {
                m *= e.Multiplier;
            }
        }

        return m;
    }

    private void Publish(in Snapshot snapshot)
    {
        lock (_gate)
        {
            _last = snapshot;
        }
    }

    private readonly record struct Snapshot(bool Ready, DateTimeOffset At, double Mean, double Half, int Instances);
}
