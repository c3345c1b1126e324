using AutoScaling;
using AutoScaling.Policies;
using BenchmarkDotNet.Attributes;

namespace AutoScaling.Benchmarks.Policies;

/// <summary>One <c>Recommend</c> call of each built-in policy, on a group with five metrics; must allocate 0 B.</summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _names = ["rps", "cpu", "latency_ms", "error_rate", "queue"];
    private readonly MetricSample[] _samples = new MetricSample[5];
    private TargetTrackingPolicy _targetTracking = null!;
    private StepScalingPolicy _stepScaling = null!;
    private ThresholdPolicy _threshold = null!;

    [GlobalSetup]
    public void Setup()
    {
        _samples[0] = MetricSample.Valid(1234, Now);
        _samples[1] = MetricSample.Valid(65, Now);
        _samples[2] = MetricSample.Valid(180, Now);
        _samples[3] = MetricSample.Valid(0.5, Now);
        _samples[4] = MetricSample.Missing(Now);
        _targetTracking = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 100 });

        var step = new StepScalingPolicyOptions { Metric = "cpu", Threshold = 50, AdjustmentType = StepAdjustmentType.PercentChangeInCapacity };
        step.Steps.Add(new StepAdjustment { LowerBound = 0, UpperBound = 10, Adjustment = 0 });
        step.Steps.Add(new StepAdjustment { LowerBound = 10, UpperBound = 20, Adjustment = 10 });
        step.Steps.Add(new StepAdjustment { LowerBound = 20, Adjustment = 30 });
        step.Steps.Add(new StepAdjustment { LowerBound = -20, UpperBound = 0, Adjustment = -10 });
        step.Steps.Add(new StepAdjustment { UpperBound = -20, Adjustment = -30 });
        _stepScaling = new StepScalingPolicy(step);

        var threshold = new ThresholdPolicyOptions { Mode = ThresholdStepMode.Exponential };
        threshold.Rules.Add(new ThresholdRule { Metric = "cpu", ScaleUpAbove = 70, ScaleDownBelow = 20 });
        threshold.Rules.Add(new ThresholdRule { Metric = "latency_ms", ScaleUpAbove = 1000, ScaleDownBelow = 200 });
        threshold.Rules.Add(new ThresholdRule { Metric = "error_rate", ScaleUpAbove = 5 });
        _threshold = new ThresholdPolicy(threshold);
    }

    /// <summary>Target tracking, per instance.</summary>
    [Benchmark]
    public int TargetTracking() => Run(_targetTracking);

    /// <summary>Step scaling, percent, five steps.</summary>
    [Benchmark]
    public int StepScaling() => Run(_stepScaling);

    /// <summary>Threshold bands, three rules.</summary>
    [Benchmark]
    public int Threshold() => Run(_threshold);

    private int Run(IScalingPolicy policy)
    {
        var context = new ScalingContext("web", Now, 10, 9, 1, _names, _samples);
        return policy.Recommend(in context).DesiredInstances;
    }
}
