using AutoScaling;
using AutoScaling.Policies;
using BenchmarkDotNet.Attributes;
using CustomPolicySample;

namespace CustomPolicyBenchmarks;

/// <summary>
/// One <c>Recommend</c> call of the custom policy, beside the built-in target tracking as a yardstick, over a context of
/// three metrics (the policy finds its own by name). Both must allocate 0 B: the context is built over arrays made once.
/// </summary>
[MemoryDiagnoser]
public class SloStepPolicyBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _names = ["rps", "queue", "p95"];
    private readonly MetricSample[] _samples = new MetricSample[3];
    private SloStepPolicy _sloStep = null!;
    private TargetTrackingPolicy _targetTracking = null!;

    /// <summary>Gets or sets the p95 latency read, in seconds: under, within and over the 0.25 s objective.</summary>
    [Params(0.1, 0.2, 0.4)]
    public double P95 { get; set; }

    /// <summary>Builds the policies and the samples once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _samples[0] = MetricSample.Valid(1800, Now);
        _samples[1] = MetricSample.Valid(42, Now);
        _samples[2] = MetricSample.Valid(P95, Now);
        _sloStep = new SloStepPolicy(new SloStepPolicyOptions { Metric = "p95", Objective = 0.25 });
        _targetTracking = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 100 });
    }

    /// <summary>The custom policy.</summary>
    /// <returns>The recommended count (returned so the call is not optimized away).</returns>
    [Benchmark]
    public int SloStep() => Run(_sloStep);

    /// <summary>Target tracking on the same context, for comparison.</summary>
    /// <returns>The recommended count.</returns>
    [Benchmark(Baseline = true)]
    public int TargetTracking() => Run(_targetTracking);

    private int Run(IScalingPolicy policy)
        => policy.Recommend(new ScalingContext("web", Now, 20, 18, 2, _names, _samples)).DesiredInstances;
}
