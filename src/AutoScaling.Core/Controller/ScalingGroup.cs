using System.Threading.RateLimiting;
using AutoScaling.Telemetry;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Controller;

/// <summary>
/// One running scaling group. Each piece of state has one writer: the controller swaps <see cref="Model"/> and publishes
/// <see cref="Status"/>; an operator (through <see cref="IAutoScalingControl"/>) writes <see cref="Paused"/> and
/// <see cref="ManualTarget"/>. Readers take the immutable snapshots without locks.
/// </summary>
internal sealed class ScalingGroup
{
    private volatile ScalingGroupModel _model;
    private volatile ScalingGroupStatus _status;
    private volatile bool _paused;
    private int _manualTarget = -1;

    public ScalingGroup(ScalingGroupModel model, TimeProvider time, RateLimiter sharedLimiter, AutoScalingInstruments instruments, ILogger logger)
    {
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

    /// <summary>Publishes a snapshot; called by the controller only.</summary>
    public void Publish(ScalingGroupStatus status) => _status = status;

    /// <summary>Puts a new model in force; called by the controller only, between ticks.</summary>
    public void Swap(ScalingGroupModel model) => _model = model;
}
