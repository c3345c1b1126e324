using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AutoScaling.Telemetry;

/// <summary>The autoscaler's instruments, on the <c>AutoScaling</c> meter.</summary>
internal sealed class AutoScalingInstruments
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "AutoScaling";

    /// <summary>Traces one activity per evaluation (<c>autoscaling.evaluate</c>) and per action (<c>autoscaling.scale</c>).</summary>
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private static readonly string[] ReasonNames = Enum.GetNames<ScalingReason>();
    private static readonly string[] StateNames = ["starting", "active", "draining", "failed"];
    private readonly ConcurrentDictionary<string, Func<ScalingGroupStatus>> _groups = new(StringComparer.Ordinal);

    public AutoScalingInstruments(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        Decisions = Meter.CreateCounter<long>("autoscaling.decisions", "{decision}", "Evaluations of a group, by the reason of the decision.");
        ActionDuration = Meter.CreateHistogram<double>("autoscaling.action.duration", "s", "How long scaling actions take, by action and outcome.");
        MetricFailures = Meter.CreateCounter<long>("autoscaling.metric.failures", "{failure}", "Metric reads that failed or timed out.");
        Meter.CreateObservableGauge("autoscaling.group.instances", ObserveInstances, "{instance}", "Instances of a group, by state.");
        Meter.CreateObservableGauge("autoscaling.group.desired_instances", ObserveDesired, "{instance}", "The desired instance count of a group.");
        RefusedActions = Meter.CreateCounter<long>("autoscaling.leadership.refused_actions", "{action}", "Scale actions and provider or router calls not made for lack of a valid lease.");
        Meter.CreateObservableGauge("autoscaling.leadership.leader", ObserveLeadership, "{leader}", "1 while this host leads a group's election, 0 while it is a standby (groups with an election only).");
        Meter.CreateObservableGauge("autoscaling.forecast.value", () => ObserveForecasts(static f => f.Value), "{value}", "A forecasting policy's latest forecast of its metric, at its horizon.");
        Meter.CreateObservableGauge("autoscaling.forecast.upper", () => ObserveForecasts(static f => f.Upper), "{value}", "The upper edge of the forecast's band, which the policy provisions for.");
        Meter.CreateObservableGauge("autoscaling.forecast.mape", () => ObserveForecasts(static f => f.MapePercent), "%", "Mean absolute percentage error of the forecasts scored over the policy's accuracy window (default the last day).");
        Meter.CreateObservableGauge("autoscaling.forecast.coverage", () => ObserveForecasts(static f => f.CoveragePercent), "%", "Share of the values in the accuracy window that fell inside the forecast band.");
    }

    public Meter Meter { get; }

    public Counter<long> Decisions { get; }

    public Histogram<double> ActionDuration { get; }

    public Counter<long> MetricFailures { get; }

    public Counter<long> RefusedActions { get; }

    /// <summary>Observes a group through its published snapshots.</summary>
    public void Register(string group, Func<ScalingGroupStatus> status) => _groups[group] = status;

    public void RecordDecision(string group, ScalingReason reason)
    {
        if (Decisions.Enabled)
        {
            Decisions.Add(1, new TagList { { "group", group }, { "reason", ReasonNames[(int)reason] } });
        }
    }

    public void RecordMetricFailure(string group, string metric)
    {
        if (MetricFailures.Enabled)
        {
            MetricFailures.Add(1, new TagList { { "group", group }, { "metric", metric } });
        }
    }

    public void RecordRefusedAction(string group, string election)
    {
        if (RefusedActions.Enabled)
        {
            RefusedActions.Add(1, new TagList { { "group", group }, { "election", election } });
        }
    }

    public void RecordAction(string group, string action, ScalingOutcome outcome, TimeSpan duration)
    {
        if (ActionDuration.Enabled)
        {
            ActionDuration.Record(duration.TotalSeconds, new TagList { { "group", group }, { "action", action }, { "outcome", outcome.ToString() } });
        }
    }

    private IEnumerable<Measurement<int>> ObserveInstances()
    {
        foreach (var (name, snapshot) in _groups)
        {
            var status = snapshot();
            for (var s = 0; s < StateNames.Length; s++)
            {
                yield return new Measurement<int>(status.Count((InstanceState)s), new KeyValuePair<string, object?>("group", name), new KeyValuePair<string, object?>("state", StateNames[s]));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveLeadership()
    {
        foreach (var (name, snapshot) in _groups)
        {
            if (snapshot().Leadership is { } leadership)
            {
                yield return new Measurement<int>(leadership.IsLeader ? 1 : 0, new KeyValuePair<string, object?>("group", name), new KeyValuePair<string, object?>("election", leadership.Election));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveDesired()
    {
        foreach (var (name, snapshot) in _groups)
        {
            if (snapshot().LastDecision is { } decision)
            {
                yield return new Measurement<int>(decision.DesiredInstances, new KeyValuePair<string, object?>("group", name));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveForecasts(Func<ForecastStatus, double?> read)
    {
        foreach (var (name, snapshot) in _groups)
        {
            foreach (var forecast in snapshot().Forecasts)
            {
                if (read(forecast) is { } value)
                {
                    yield return new Measurement<double>(value, new KeyValuePair<string, object?>("group", name), new KeyValuePair<string, object?>("metric", forecast.Metric));
                }
            }
        }
    }
}
