namespace AutoScaling.Simulation;

/// <summary>One target-tracking configuration the tuner tries.</summary>
/// <param name="TargetUtilization">The target, in percent of an instance's capacity.</param>
/// <param name="Tolerance">The tolerance on each side of the target.</param>
/// <param name="ScaleDownWindow">The scale-down stabilization window.</param>
/// <param name="ScaleDownCooldown">The scale-down cooldown.</param>
/// <param name="MinInstances">The group's minimum.</param>
internal sealed record TuningCandidate(double TargetUtilization, double Tolerance, TimeSpan ScaleDownWindow, TimeSpan ScaleDownCooldown, int MinInstances)
{
    /// <summary>Applies the candidate to a copy of the group's settings.</summary>
    public ScalingGroupOptions Apply(ScalingGroupOptions group)
    {
        var o = new ScalingGroupOptions
        {
            MinInstances = MinInstances,
            MaxInstances = Math.Max(group.MaxInstances, MinInstances),
            Interval = group.Interval,
            MaxInstancesPerStep = group.MaxInstancesPerStep,
            InstanceStartTimeout = group.InstanceStartTimeout,
            StartRetries = group.StartRetries,
        };
        Copy(group.ScaleUp, o.ScaleUp);
        Copy(group.ScaleDown, o.ScaleDown);
        o.ScaleDown.StabilizationWindow = ScaleDownWindow;
        o.ScaleDown.Cooldown = ScaleDownCooldown;
        return o;
    }

    public override string ToString()
        => FormattableString.Invariant($"target {TargetUtilization} %, tolerance {Tolerance}, scale-down window {ScaleDownWindow.TotalSeconds} s, cooldown {ScaleDownCooldown.TotalSeconds} s, min {MinInstances}");

    private static void Copy(ScalingRules from, ScalingRules to)
    {
        to.StabilizationWindow = from.StabilizationWindow;
        to.Cooldown = from.Cooldown;
        to.SelectPolicy = from.SelectPolicy;
        foreach (var p in from.Policies)
        {
            to.Policies.Add(new ScalingRatePolicy { Kind = p.Kind, Value = p.Value, Period = p.Period });
        }
    }
}

/// <summary>A tried configuration and its scores.</summary>
/// <param name="Candidate">The configuration.</param>
/// <param name="Scores">Its scores on the trace.</param>
internal sealed record TuningResult(TuningCandidate Candidate, SimulationScores Scores);
