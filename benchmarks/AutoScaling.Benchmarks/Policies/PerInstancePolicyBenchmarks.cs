using AutoScaling;
using AutoScaling.Policies;
using BenchmarkDotNet.Attributes;

namespace AutoScaling.Benchmarks.Policies;

/// <summary>
/// One <c>Recommend</c> call over per-instance samples (the HPA's second pass, 100 instances of which 10 are silent and
/// 5 starting) and over a 60-point history (a three-band Nomad threshold ladder); must allocate 0 B.
/// </summary>
[MemoryDiagnoser]
public class PerInstancePolicyBenchmarks
{
    private const int Instances = 100;
    private const int HistoryLength = 60;
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _names = ["rps", "queue"];
    private readonly MetricSample[] _samples = new MetricSample[2];
    private readonly InstanceState[] _states = new InstanceState[Instances];
    private readonly MetricSample[] _instanceSamples = new MetricSample[2 * Instances];
    private readonly MetricSample[] _history = new MetricSample[2 * HistoryLength];
    private TargetTrackingPolicy _targetTracking = null!;
    private NomadThresholdPolicy _nomadThreshold = null!;

    [GlobalSetup]
    public void Setup()
    {
        _samples[0] = MetricSample.Valid(3000, Now);
        _samples[1] = MetricSample.Valid(42, Now);
        for (var i = 0; i < Instances; i++)
        {
            _states[i] = i < 95 ? InstanceState.Active : InstanceState.Starting;
            _instanceSamples[i] = i < 85 ? MetricSample.Valid(30 + (i % 7), Now) : MetricSample.Missing(Now);
            _instanceSamples[Instances + i] = MetricSample.Missing(Now);
        }

        for (var i = 0; i < HistoryLength; i++)
        {
            _history[i] = MetricSample.Missing(Now);
            _history[HistoryLength + i] = i % 5 == 0 ? MetricSample.Missing(Now) : MetricSample.Valid(i % 90, Now);
        }

        _targetTracking = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 100 });
        var nomad = new NomadThresholdPolicyOptions { Metric = "queue", Window = HistoryLength };
        nomad.Bands.Add(new NomadThresholdBand { UpperBound = 10, Delta = -1, WithinBoundsTrigger = 40 });
        nomad.Bands.Add(new NomadThresholdBand { LowerBound = 50, UpperBound = 80, Percentage = 25, WithinBoundsTrigger = 20 });
        nomad.Bands.Add(new NomadThresholdBand { LowerBound = 80, Value = 30, WithinBoundsTrigger = 10 });
        _nomadThreshold = new NomadThresholdPolicy(nomad);
    }

    /// <summary>Target tracking, per instance, through the second pass.</summary>
    [Benchmark]
    public int TargetTrackingPerInstance() => Run(_targetTracking);

    /// <summary>Nomad threshold, three bands over 60 points.</summary>
    [Benchmark]
    public int NomadThreshold() => Run(_nomadThreshold);

    private int Run(IScalingPolicy policy)
    {
        var context = new ScalingContext("web", Now, Instances, 95, 5, _names, _samples)
        {
            InstanceStates = _states,
            InstanceSamples = _instanceSamples,
            History = _history,
        };
        return policy.Recommend(in context).DesiredInstances;
    }
}
