using System.Globalization;

namespace AutoScaling.Simulation;

/// <summary>A rate policy the tuner tries in place of the base group's (<c>Kind</c> <c>Value</c> per <c>Period</c>).</summary>
/// <param name="Kind">Instances or percent.</param>
/// <param name="Value">How many, or what percentage.</param>
/// <param name="Period">Per how long.</param>
internal readonly record struct TunedRate(ScalingRateKind Kind, int Value, TimeSpan Period)
{
    public ScalingRatePolicy ToPolicy() => new() { Kind = Kind, Value = Value, Period = Period };

    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Value}{(Kind == ScalingRateKind.Percent ? " %" : " instances")} per {Period.TotalSeconds} s");
}

/// <summary>One configuration the tuner tries: a policy's parameters and the group's behavior around it.</summary>
/// <param name="Policy">The policy and its parameters.</param>
/// <param name="MinInstances">The group's minimum.</param>
/// <param name="ScaleDownWindow">The scale-down stabilization window.</param>
/// <param name="ScaleDownCooldown">The scale-down cooldown.</param>
/// <param name="ScaleUpCooldown">The scale-up cooldown.</param>
/// <param name="ScaleDownRate">The scale-down rate policy, or <see langword="null"/> to keep the base group's.</param>
/// <param name="ScaleUpRate">The scale-up rate policy, or <see langword="null"/> to keep the base group's.</param>
internal sealed record TuningCandidate(
    TunedPolicy Policy,
    int MinInstances,
    TimeSpan ScaleDownWindow,
    TimeSpan ScaleDownCooldown,
    TimeSpan ScaleUpCooldown = default,
    TunedRate? ScaleDownRate = null,
    TunedRate? ScaleUpRate = null)
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
        Copy(group.ScaleUp, o.ScaleUp, ScaleUpRate);
        Copy(group.ScaleDown, o.ScaleDown, ScaleDownRate);
        o.ScaleDown.StabilizationWindow = ScaleDownWindow;
        o.ScaleDown.Cooldown = ScaleDownCooldown;
        o.ScaleUp.Cooldown = ScaleUpCooldown;
        return o;
    }

    /// <summary>Whether the behavior around the policy is the base group's own (only the policy and the minimum differ).</summary>
    public bool KeepsBehaviorOf(ScalingGroupOptions group)
        => ScaleDownWindow == group.ScaleDown.StabilizationWindow
           && ScaleDownCooldown == group.ScaleDown.Cooldown
           && ScaleUpCooldown == group.ScaleUp.Cooldown
           && ScaleDownRate is null
           && ScaleUpRate is null;

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Policy}, scale-down window {ScaleDownWindow.TotalSeconds} s, cooldown {ScaleDownCooldown.TotalSeconds} s, min {MinInstances}");
        if (ScaleUpCooldown != TimeSpan.Zero)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", scale-up cooldown {ScaleUpCooldown.TotalSeconds} s");
        }

        if (ScaleDownRate is { } down)
        {
            text += $", down at most {down}";
        }

        return ScaleUpRate is { } up ? text + $", up at most {up}" : text;
    }

    private static void Copy(ScalingRules from, ScalingRules to, TunedRate? rate)
    {
        to.StabilizationWindow = from.StabilizationWindow;
        to.Cooldown = from.Cooldown;
        to.SelectPolicy = from.SelectPolicy;
        if (rate is { } r)
        {
            to.Policies.Add(r.ToPolicy());
            return;
        }

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
