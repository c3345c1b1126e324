using System.Threading.RateLimiting;
using AutoScaling.Telemetry;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Controller;

/// <summary>One running scaling group: its parts, built once at start, and its run-time state.</summary>
internal sealed class ScalingGroup
{
    private volatile ScalingGroupStatus _status;
    private volatile bool _paused;
    private int _manualTarget = -1;

    public ScalingGroup(
        string name,
        ScalingGroupOptions options,
        IReadOnlyList<MetricRegistration> metrics,
        IMetricSource[] sources,
        IScalingPolicy[] policies,
        IInstanceProvider provider,
        TimeProvider time,
        RateLimiter sharedLimiter,
        AutoScalingInstruments instruments,
        ILogger logger)
    {
        Name = name;
        Options = options;
        MetricNames = metrics.Select(m => m.Name).ToArray();
        Sources = sources;
        Provider = provider;
        Time = time;
        Instruments = instruments;
        Logger = logger;
        Engine = new ScalingDecisionEngine(name, options, MetricNames, policies);
        Events = new ScalingEventLog(options.EventLogCapacity);
        GroupLimiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentOperations,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        SharedLimiter = sharedLimiter;
        _status = new ScalingGroupStatus { Name = name, MinInstances = options.MinInstances, MaxInstances = options.MaxInstances, DryRun = options.DryRun };
    }

    public string Name { get; }

    public ScalingGroupOptions Options { get; }

    public string[] MetricNames { get; }

    public IMetricSource[] Sources { get; }

    public IInstanceProvider Provider { get; }

    public TimeProvider Time { get; }

    public AutoScalingInstruments Instruments { get; }

    public ILogger Logger { get; }

    public ScalingDecisionEngine Engine { get; }

    public ScalingEventLog Events { get; }

    public RateLimiter GroupLimiter { get; }

    public RateLimiter SharedLimiter { get; }

    public ScalingGroupStatus Status
    {
        get => _status;
        set => _status = value;
    }

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
}
