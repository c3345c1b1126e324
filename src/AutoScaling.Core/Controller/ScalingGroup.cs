using System.Threading.RateLimiting;
using AutoScaling.Leadership;
using AutoScaling.Telemetry;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Controller;

/// <summary>
/// One running scaling group. Each piece of state has one writer: the controller swaps <see cref="Model"/> and publishes
/// <see cref="Status"/>; an operator (through <see cref="IAutoScalingControl"/>) writes <see cref="Paused"/> and
/// <see cref="ManualTarget"/>. Readers take the immutable snapshots without locks.
/// </summary>
/// <remarks>
/// An <em>operation</em> of the group is a scale action the controller is carrying out (whatever decided it) or an
/// operator's scale request waiting for the evaluation that carries it out. A scale request is refused while either runs
/// (<see cref="TryBeginScaleRequest"/>); the controller never waits for the gate, it only marks its actions.
/// </remarks>
internal sealed class ScalingGroup
{
    private volatile ScalingGroupModel _model;
    private volatile ScalingGroupStatus _status;
    private volatile bool _paused;
    private const int ActionBit = 1;
    private const int RequestBit = 2;
    private int _manualTarget = -1;
    private int _operations;

    public ScalingGroup(ScalingGroupModel model, TimeProvider time, RateLimiter sharedLimiter, AutoScalingInstruments instruments, ILogger logger, ILeaderElection? election = null)
    {
        Leadership = election is null ? null : new LeadershipGate(election, model.Name, time, instruments, logger);
        _model = model;
        Name = model.Name;
        Time = time;
        Instruments = instruments;
        Logger = logger;
        Engine = new ScalingDecisionEngine(model.Name, model.Options, model.MetricNames, model.Policies);
        Events = new ScalingEventLog(model.Options.EventLogCapacity);
        GroupLimiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = model.Options.MaxConcurrentOperations,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        SharedLimiter = sharedLimiter;
        _status = new ScalingGroupStatus { Name = Name, MinInstances = model.Options.MinInstances, MaxInstances = model.Options.MaxInstances, DryRun = model.Options.DryRun };
    }

    public string Name { get; }

    /// <summary>Gets the gate of the group's election; <see langword="null"/> when none is configured (the host always acts).</summary>
    public LeadershipGate? Leadership { get; }

    /// <summary>Gets the model in force. Only the controller changes it (<see cref="ScalingGroupController"/>), between ticks.</summary>
    public ScalingGroupModel Model => _model;

    public TimeProvider Time { get; }

    public AutoScalingInstruments Instruments { get; }

    public ILogger Logger { get; }

    /// <summary>Gets the decision engine; the controller alone calls it.</summary>
    public ScalingDecisionEngine Engine { get; }

    public ScalingEventLog Events { get; }

    public RateLimiter GroupLimiter { get; }

    public RateLimiter SharedLimiter { get; }

    /// <summary>Gets the "evaluate now" requests, answered by the hosted loop.</summary>
    public EvaluationRequests Evaluations { get; } = new();

    /// <summary>Gets the watchers of the group's updates.</summary>
    public ScalingUpdateBroadcast Updates { get; } = new();

    /// <summary>Gets a value indicating whether an operation (a scale action or a scale request) runs.</summary>
    public bool OperationInProgress => Volatile.Read(ref _operations) != 0;

    /// <summary>Gets the latest published snapshot.</summary>
    public ScalingGroupStatus Status => _status;

    public bool Paused
    {
        get => _paused;
        set => _paused = value;
    }

    public int? ManualTarget
    {
        get
        {
            var value = Volatile.Read(ref _manualTarget);
            return value < 0 ? null : value;
        }

        set => Volatile.Write(ref _manualTarget, value ?? -1);
    }

    /// <summary>Publishes a snapshot and tells the watchers; called by the controller only.</summary>
    public void Publish(ScalingGroupStatus status, ScalingUpdateKind kind = ScalingUpdateKind.Status)
    {
        _status = status;
        if (Updates.HasWatchers)
        {
            Updates.Send(new ScalingUpdate(kind, WithOperator(status)));
        }
    }

    /// <summary>Records a scaling event and tells the watchers; called by the controller only.</summary>
    public void Record(ScalingEvent scalingEvent)
    {
        Events.Add(scalingEvent);
        if (Updates.HasWatchers)
        {
            Updates.Send(new ScalingUpdate(ScalingUpdateKind.Event, WithOperator(_status), scalingEvent));
        }
    }

    /// <summary>Tells the watchers that an operator changed the group (pause, resume, manual target).</summary>
    public void OperatorChanged()
    {
        if (Updates.HasWatchers)
        {
            Updates.Send(new ScalingUpdate(ScalingUpdateKind.Status, WithOperator(_status)));
        }
    }

    /// <summary>The published snapshot with the operator's settings as they are now (they change between evaluations).</summary>
    public ScalingGroupStatus WithOperator(ScalingGroupStatus status)
        => status with { Paused = Paused, ManualTarget = ManualTarget, OperationInProgress = OperationInProgress };

    /// <summary>Claims the group for an operator's scale request; fails while another operation runs.</summary>
    public bool TryBeginScaleRequest() => Interlocked.CompareExchange(ref _operations, RequestBit, 0) == 0;

    public void EndScaleRequest() => Interlocked.And(ref _operations, ~RequestBit);

    /// <summary>Marks a scale action of the controller; it never waits (a scale request that claimed the group is what started it).</summary>
    public void BeginAction() => Interlocked.Or(ref _operations, ActionBit);

    public void EndAction() => Interlocked.And(ref _operations, ~ActionBit);

    /// <summary>Puts a new model in force; called by the controller only, between ticks.</summary>
    public void Swap(ScalingGroupModel model) => _model = model;
}
