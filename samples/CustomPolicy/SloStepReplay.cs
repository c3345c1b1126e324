using AutoScaling;
using AutoScaling.Policies;
using AutoScaling.Simulation;

namespace CustomPolicySample;

/// <summary>
/// Replays the <see cref="SloStepPolicy"/> and target tracking on one trace with the simulator, under the settings of the
/// results table in docs/simulation.md (capacity 100 req/s per instance, 1-50 instances, an evaluation every 60 s, the
/// simulator's defaults for start-up, drain and metric delay). The simulator publishes the load (<c>rps</c>) and the
/// utilization of the active instances in percent (<c>utilization</c>), not a latency: the replay gives the policy the
/// utilization with an objective of 70 %, the level target tracking aims at.
/// </summary>
public static class SloStepReplay
{
    /// <summary>The policies compared, by name: target tracking as the simulator's preset, and the custom policy with its default and a quicker scale-in.</summary>
    /// <param name="simulation">The simulation's options (metric names and capacity).</param>
    /// <returns>The named policies.</returns>
    public static IReadOnlyList<(string Name, IScalingPolicy Policy)> Policies(SimulationOptions simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return
        [
            ("target tracking, HPA defaults", new TargetTrackingPolicy(new TargetTrackingPolicyOptions
            {
                Metric = simulation.MetricName,
                TargetPerInstance = simulation.CapacityPerInstance * 0.7,
            })),
            ("SloStep (utilization objective 70 %)", new SloStepPolicy(new SloStepPolicyOptions
            {
                Metric = simulation.UtilizationMetricName,
                Objective = 70,
            })),
            ("SloStep, ScaleInBelow 0.8", new SloStepPolicy(new SloStepPolicyOptions
            {
                Metric = simulation.UtilizationMetricName,
                Objective = 70,
                ScaleInBelow = 0.8,
            })),
        ];
    }

    /// <summary>Replays each policy on <paramref name="trace"/>.</summary>
    /// <param name="trace">The load.</param>
    /// <returns>Each policy's name and scores.</returns>
    public static IReadOnlyList<(string Name, SimulationScores Scores)> Run(LoadTrace trace)
    {
        var simulation = new SimulationOptions { CapacityPerInstance = 100 };
        var group = new ScalingGroupOptions { MinInstances = 1, MaxInstances = 50, Interval = TimeSpan.FromSeconds(60) };
        return [.. Policies(simulation).Select(p => (p.Name, new Simulator("web", group, [p.Policy], simulation).Run(trace)))];
    }
}
