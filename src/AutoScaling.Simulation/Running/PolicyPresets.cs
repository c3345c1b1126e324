using AutoScaling.Policies;

namespace AutoScaling.Simulation;

/// <summary>
/// The policies the tool and the documentation compare, built from the simulated capacity. Each reads the metrics the
/// simulator publishes: the load (<see cref="SimulationOptions.MetricName"/>) or the utilization of the active instances.
/// </summary>
internal static class PolicyPresets
{
    /// <summary>Target tracking of requests per instance at the target utilization (default 70 %), tolerance ±10 %: the HPA's defaults.</summary>
    public const string TargetTracking = "target-tracking";

    /// <summary>AWS-style step scaling on utilization around 70 %: +1, +2, +4 instances past 70, 90, 120 %; −1 below 30 %.</summary>
    public const string StepScaling = "step-scaling";

    /// <summary>Thresholds on utilization, as the Swarm autoscalers do: up one above 80 %, down one below 30 %.</summary>
    public const string Threshold = "threshold";

    /// <summary>
    /// Target tracking (as <see cref="TargetTracking"/>) and a <see cref="PredictivePolicy"/> at the same target whose
    /// horizon is twice the simulated start-up delay plus 1 minute (a scale-out waits for its instances before the next
    /// evaluation, so the next action lands a start-up later): the engine takes the larger of the two.
    /// </summary>
    public const string Hybrid = "hybrid";

    /// <summary>The presets <c>compare</c> runs by default.</summary>
    public static IReadOnlyList<string> Names { get; } = [TargetTracking, StepScaling, Threshold];

    /// <summary>Every preset.</summary>
    public static IReadOnlyList<string> Known { get; } = [TargetTracking, StepScaling, Threshold, Hybrid];

    /// <summary>Builds a preset's policies; <see langword="null"/> for an unknown name.</summary>
    /// <param name="name">The preset.</param>
    /// <param name="options">The simulation (capacity, metric names, start-up delay).</param>
    /// <param name="targetUtilization">The target, in percent of an instance's capacity.</param>
    public static IReadOnlyList<IScalingPolicy>? CreateAll(string name, SimulationOptions options, double targetUtilization = 70)
    {
        if (name != Hybrid)
        {
            return Create(name, options, targetUtilization) is { } single ? [single] : null;
        }

        return new TunedHybrid(new TunedTargetTracking(targetUtilization, TargetTrackingPolicy.DefaultTolerance), targetUtilization, new PredictivePolicyOptions().Confidence, options.StartupDelay + TimeSpan.FromMinutes(1)).BuildAll(options);
    }

    /// <summary>Builds a preset's policy; <see langword="null"/> for an unknown name.</summary>
    /// <param name="name">The preset.</param>
    /// <param name="options">The simulation (capacity and metric names).</param>
    /// <param name="targetUtilization">Target tracking's target, in percent of an instance's capacity.</param>
    /// <param name="tolerance">Target tracking's tolerance on each side.</param>
    public static IScalingPolicy? Create(string name, SimulationOptions options, double targetUtilization = 70, double tolerance = TargetTrackingPolicy.DefaultTolerance)
        => Parameters(name, targetUtilization, tolerance)?.Build(options);

    /// <summary>A preset's parameters, the start of tuning; <see langword="null"/> for an unknown name.</summary>
    public static TunedPolicy? Parameters(string name, double targetUtilization = 70, double tolerance = TargetTrackingPolicy.DefaultTolerance)
        => name switch
        {
            TargetTracking => new TunedTargetTracking(targetUtilization, tolerance),
            StepScaling => new TunedStepScaling(Threshold: 70, Step: 1, ScaleInAt: 30),
            Threshold => new TunedThreshold(ScaleUpAbove: 80, ScaleDownBelow: 30, StepSize: 1),
            _ => null,
        };
}
