using System.Globalization;
using AutoScaling.Load;

namespace AutoScaling.Demo.Live;

/// <summary>One line of the decision log: when (from the load's start) and what.</summary>
internal readonly record struct LogLine(TimeSpan At, string Text);

/// <summary>
/// What the live view shows, fed by the poll loop alone (its single writer): the group's latest status, the load's
/// latest progress, and a log of the decisions that changed something and of the scaling events as they arrive.
/// </summary>
internal sealed class LiveState(TimeSpan duration, double plateau)
{
    private readonly List<LogLine> _log = [];
    private DateTimeOffset? _lastEvaluated;
    private string? _lastDecisionKey;
    private DateTimeOffset _lastEventTime = DateTimeOffset.MinValue;
    private LoadReport? _load;

    /// <summary>Gets the run's length (the load's duration cap).</summary>
    public TimeSpan Duration => duration;

    /// <summary>Gets the plateau rate.</summary>
    public double Plateau => plateau;

    /// <summary>Gets the time since the load started.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Gets the group's latest status (null until the autoscaler answered).</summary>
    public GroupStatus? Status { get; private set; }

    /// <summary>Gets the load's latest progress (null until its first report); set from the load runner's thread.</summary>
    public LoadReport? Load => Volatile.Read(ref _load);

    /// <summary>Gets the requests per second sent over the last second of progress.</summary>
    public double SentPerSecond { get; private set; }

    /// <summary>Gets the log, oldest first.</summary>
    public IReadOnlyList<LogLine> Log => _log;

    /// <summary>Gets the scaling events seen, oldest first.</summary>
    public List<ScalingEventView> Events { get; } = [];

    /// <summary>Gets the largest count of instances (starting or active) seen.</summary>
    public int MaxInstances { get; private set; }

    /// <summary>Gets the largest desired count seen.</summary>
    public int MaxDesired { get; private set; }

    /// <summary>Gets how many decisions changed the desired count.</summary>
    public int ChangingDecisions { get; private set; }

    /// <summary>Records the load's progress (called by the load runner about once a second).</summary>
    public void OnLoad(LoadReport report)
    {
        var previous = Volatile.Read(ref _load);
        if (previous is not null && report.Elapsed > previous.Elapsed)
        {
            SentPerSecond = (report.Sent - previous.Sent) / (report.Elapsed - previous.Elapsed).TotalSeconds;
        }

        Volatile.Write(ref _load, report);
    }

    /// <summary>Moves the clock (time since the load started, zero before).</summary>
    public void At(TimeSpan elapsed) => Elapsed = elapsed;

    /// <summary>Records a status; logs the decision when it is new and changes the count or its reason.</summary>
    public void OnStatus(GroupStatus status)
    {
        Status = status;
        MaxInstances = Math.Max(MaxInstances, status.CurrentInstances);
        if (status.LastDecision is not { } d || status.LastEvaluatedAt == _lastEvaluated)
        {
            return;
        }

        _lastEvaluated = status.LastEvaluatedAt;
        MaxDesired = Math.Max(MaxDesired, d.Desired);
        var key = string.Create(CultureInfo.InvariantCulture, $"{d.Current}>{d.Desired}:{d.Reason}");
        if (key == _lastDecisionKey)
        {
            return;
        }

        _lastDecisionKey = key;
        if (d.Desired != d.Current)
        {
            ChangingDecisions++;
        }

        var metric = status.Metrics.TryGetValue("rps", out var rps) && rps.Value is { } v ? string.Create(CultureInfo.InvariantCulture, $" (rps {v:F1})") : string.Empty;
        Add(d.Desired == d.Current
            ? $"decision  keep {d.Current}: {d.Reason}{metric}"
            : $"decision  {d.Current} -> {d.Desired}: {d.Reason}{metric}");
    }

    /// <summary>Records the events not seen yet (the list is oldest first).</summary>
    public void OnEvents(IEnumerable<ScalingEventView> events)
    {
        foreach (var e in events)
        {
            if (e.Time <= _lastEventTime)
            {
                continue;
            }

            _lastEventTime = e.Time;
            Events.Add(e);
            Add(string.Create(CultureInfo.InvariantCulture, $"scaled    {e.From} -> {e.To}: {e.Outcome}, reached {e.Reached} ({e.Reason})"));
        }
    }

    /// <summary>Adds a line to the log at the current time.</summary>
    public void Add(string text) => _log.Add(new LogLine(Elapsed, text));
}
