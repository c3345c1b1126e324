using Microsoft.Extensions.Options;

namespace AutoScaling.Simulation;

/// <summary>
/// Replays a load trace through the real <see cref="ScalingDecisionEngine"/> and the group's policies, over simulated
/// instances, the way the controller runs them: an evaluation per interval, scale-outs in steps that wait for the new
/// instances, scale-ins that drain, and the engine told what each action reached.
/// </summary>
/// <remarks>
/// <para>Deterministic: the same trace, options and seed give the same scores, bit for bit. A run allocates its result
/// and nothing per step once the simulator is built. Not thread-safe: one simulator runs one replay at a time; build
/// one per thread to run in parallel.</para>
/// <para>Policies run unchanged, so a policy that keeps state of its own carries it from one run to the next.</para>
/// </remarks>
public sealed class Simulator
{
    private readonly Replay _replay;

    /// <summary>Initializes a new instance of the <see cref="Simulator"/> class.</summary>
    /// <param name="groupName">The group's name, as the policies and messages see it.</param>
    /// <param name="group">The group's settings; validated as at a host's start, and copied.</param>
    /// <param name="policies">The policies, which read the load as the metric <see cref="SimulationOptions.MetricName"/>.</param>
    /// <param name="options">The simulated instances and prices; validated and copied.</param>
    /// <exception cref="OptionsValidationException">The group's settings or the simulation options are not valid; the message names each field and value.</exception>
    public Simulator(string groupName, ScalingGroupOptions group, IReadOnlyList<IScalingPolicy> policies, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(groupName);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var groupResult = new ScalingGroupOptionsValidator().Validate(groupName, group);
        if (groupResult.Failed)
        {
            failures.AddRange(groupResult.Failures);
        }

        var simulationResult = new SimulationOptionsValidator().Validate(groupName, options);
        if (simulationResult.Failed)
        {
            failures.AddRange(simulationResult.Failures);
        }

        if (policies.Count == 0)
        {
            failures.Add($"AutoScaling group {ValidationMessages.Quote(groupName)}: the simulation needs at least one policy.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(groupName, typeof(SimulationOptions), failures);
        }

        _replay = new Replay(groupName, group, policies, options);
    }

    /// <summary>Replays <paramref name="trace"/> from its start to its end.</summary>
    /// <param name="trace">The load.</param>
    /// <param name="series">Where to record the group at every evaluation, or <see langword="null"/>.</param>
    /// <returns>The scores.</returns>
    public SimulationScores Run(LoadTrace trace, SimulationSeries? series = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return _replay.Run(trace, series);
    }
}
