using AutoScaling.Policies;

namespace AutoScaling.Testing;

/// <summary>Every built-in policy over three metrics (<c>rps</c>, <c>cpu</c>, <c>latency</c>), as used by the allocation test and the benchmarks.</summary>
public static class BuiltInPolicySet
{
    /// <summary>The metric names, in sample order.</summary>
    public static readonly string[] Metrics = ["rps", "cpu", "latency"];

    /// <summary>Creates the policies.</summary>
    /// <returns>Target tracking on rps, step scaling on cpu, threshold bands on cpu and latency, and a fixed floor.</returns>
    public static IScalingPolicy[] Create()
    {
        var step = new StepScalingPolicyOptions { Metric = "cpu", Threshold = 70, AdjustmentType = StepAdjustmentType.ChangeInCapacity };
        step.Steps.Add(new StepAdjustment { LowerBound = 0, UpperBound = 15, Adjustment = 1 });
        step.Steps.Add(new StepAdjustment { LowerBound = 15, Adjustment = 3 });

        var threshold = new ThresholdPolicyOptions { Mode = ThresholdStepMode.Linear, StepSize = 1 };
        threshold.Rules.Add(new ThresholdRule { Metric = "cpu", ScaleUpAbove = 80, ScaleDownBelow = 20 });
        threshold.Rules.Add(new ThresholdRule { Metric = "latency", ScaleUpAbove = 1.0, ScaleDownBelow = 0.2 });

        return
        [
            new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 100 }),
            new StepScalingPolicy(step),
            new ThresholdPolicy(threshold),
            new FixedPolicy(new FixedPolicyOptions { Instances = 2 }),
        ];
    }
}
