using System.Globalization;
using System.Text.Json;
using AutoScaling.Policies;

namespace AutoScaling.Simulation;

/// <summary>
/// The policy half of a tuning candidate: the parameters the tuner varies, how the policy is built for a replay, and
/// how it is written as the <c>Policies</c> entry of an <c>appsettings.json</c> group (which the host binds back to
/// the same options).
/// </summary>
internal abstract record TunedPolicy
{
    /// <summary>The preset name of <see cref="PolicyPresets"/> this kind tunes.</summary>
    public abstract string Preset { get; }

    /// <summary>Builds the policy over the simulator's metrics.</summary>
    public abstract IScalingPolicy Build(SimulationOptions simulation);

    /// <summary>Writes the policy's configuration keys into the open JSON object (<c>Type</c>, <c>Metric</c>, …).</summary>
    public abstract void Write(Utf8JsonWriter json, SimulationOptions simulation);

    /// <summary>Every policy of the candidate, as the group runs them (the engine takes the largest recommendation).</summary>
    public virtual IReadOnlyList<IScalingPolicy> BuildAll(SimulationOptions simulation) => [Build(simulation)];

    /// <summary>Writes the candidate's entries of the open <c>Policies</c> array, one object per policy.</summary>
    public virtual void WriteEntries(Utf8JsonWriter json, SimulationOptions simulation)
    {
        json.WriteStartObject();
        Write(json, simulation);
        json.WriteEndObject();
    }

    /// <summary>Formats a number for <see cref="object.ToString"/>.</summary>
    protected static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Target tracking of requests per instance.</summary>
/// <param name="TargetUtilization">The target, in percent of an instance's capacity.</param>
/// <param name="Tolerance">The tolerance on each side of the target.</param>
internal sealed record TunedTargetTracking(double TargetUtilization, double Tolerance) : TunedPolicy
{
    public override string Preset => PolicyPresets.TargetTracking;

    /// <summary>The target per instance, in requests per second.</summary>
    public double TargetPerInstance(SimulationOptions simulation) => simulation.CapacityPerInstance * TargetUtilization / 100;

    public override IScalingPolicy Build(SimulationOptions simulation) => new TargetTrackingPolicy(new TargetTrackingPolicyOptions
    {
        Metric = simulation.MetricName,
        TargetPerInstance = TargetPerInstance(simulation),
        ToleranceUp = Tolerance,
        ToleranceDown = Tolerance,
    });

    public override void Write(Utf8JsonWriter json, SimulationOptions simulation)
    {
        json.WriteString("Type", TargetTrackingPolicy.Kind);
        json.WriteString(nameof(TargetTrackingPolicyOptions.Metric), simulation.MetricName);
        json.WriteNumber(nameof(TargetTrackingPolicyOptions.TargetPerInstance), TargetPerInstance(simulation));
        json.WriteNumber(nameof(TargetTrackingPolicyOptions.ToleranceUp), Tolerance);
        json.WriteNumber(nameof(TargetTrackingPolicyOptions.ToleranceDown), Tolerance);
    }

    public override string ToString() => $"target tracking {N(TargetUtilization)} %, tolerance {N(Tolerance)}";
}

/// <summary>
/// AWS-style step scaling on utilization: <c>+Step</c>, <c>+2·Step</c>, <c>+4·Step</c> instances from
/// <c>Threshold</c>, <c>Threshold + 20</c> and <c>Threshold + 50</c> %, and one instance fewer at or below
/// <c>ScaleInAt</c> %.
/// </summary>
/// <param name="Threshold">The alarm threshold, in percent utilization.</param>
/// <param name="Step">The first step's adjustment; the next two double it.</param>
/// <param name="ScaleInAt">The utilization at or below which one instance is removed; below <paramref name="Threshold"/>.</param>
internal sealed record TunedStepScaling(double Threshold, int Step, double ScaleInAt) : TunedPolicy
{
    public override string Preset => PolicyPresets.StepScaling;

    /// <summary>The steps, as offsets from <see cref="Threshold"/> (AWS's <c>MetricInterval*Bound</c>s).</summary>
    public IReadOnlyList<StepAdjustment> Steps =>
    [
        new() { LowerBound = 0, UpperBound = 20, Adjustment = Step },
        new() { LowerBound = 20, UpperBound = 50, Adjustment = 2 * Step },
        new() { LowerBound = 50, Adjustment = 4 * Step },
        new() { UpperBound = ScaleInAt - Threshold, Adjustment = -1 },
    ];

    public override IScalingPolicy Build(SimulationOptions simulation)
    {
        var o = new StepScalingPolicyOptions { Metric = simulation.UtilizationMetricName, Threshold = Threshold, AdjustmentType = StepAdjustmentType.ChangeInCapacity };
        foreach (var step in Steps)
        {
            o.Steps.Add(step);
        }

        return new StepScalingPolicy(o);
    }

    public override void Write(Utf8JsonWriter json, SimulationOptions simulation)
    {
        json.WriteString("Type", StepScalingPolicy.Kind);
        json.WriteString(nameof(StepScalingPolicyOptions.Metric), simulation.UtilizationMetricName);
        json.WriteNumber(nameof(StepScalingPolicyOptions.Threshold), Threshold);
        json.WriteString(nameof(StepScalingPolicyOptions.AdjustmentType), nameof(StepAdjustmentType.ChangeInCapacity));
        json.WriteStartArray(nameof(StepScalingPolicyOptions.Steps));
        foreach (var step in Steps)
        {
            json.WriteStartObject();
            if (step.LowerBound is { } lower)
            {
                json.WriteNumber(nameof(StepAdjustment.LowerBound), lower);
            }

            if (step.UpperBound is { } upper)
            {
                json.WriteNumber(nameof(StepAdjustment.UpperBound), upper);
            }

            json.WriteNumber(nameof(StepAdjustment.Adjustment), step.Adjustment);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public override string ToString() => $"step scaling at {N(Threshold)} % (+{Step}, +{2 * Step}, +{4 * Step}), −1 at {N(ScaleInAt)} %";
}

/// <summary>Thresholds on utilization, as the Swarm autoscalers have them: <c>StepSize</c> up above one, down below the other.</summary>
/// <param name="ScaleUpAbove">Scale up above this utilization, percent.</param>
/// <param name="ScaleDownBelow">Scale down below this utilization, percent.</param>
/// <param name="StepSize">Instances added or removed per evaluation.</param>
internal sealed record TunedThreshold(double ScaleUpAbove, double ScaleDownBelow, int StepSize) : TunedPolicy
{
    public override string Preset => PolicyPresets.Threshold;

    public override IScalingPolicy Build(SimulationOptions simulation)
    {
        var o = new ThresholdPolicyOptions { StepSize = StepSize };
        o.Rules.Add(new ThresholdRule { Metric = simulation.UtilizationMetricName, ScaleUpAbove = ScaleUpAbove, ScaleDownBelow = ScaleDownBelow });
        return new ThresholdPolicy(o);
    }

    public override void Write(Utf8JsonWriter json, SimulationOptions simulation)
    {
        json.WriteString("Type", ThresholdPolicy.Kind);
        json.WriteNumber(nameof(ThresholdPolicyOptions.StepSize), StepSize);
        json.WriteStartArray(nameof(ThresholdPolicyOptions.Rules));
        json.WriteStartObject();
        json.WriteString(nameof(ThresholdRule.Metric), simulation.UtilizationMetricName);
        json.WriteNumber(nameof(ThresholdRule.ScaleUpAbove), ScaleUpAbove);
        json.WriteNumber(nameof(ThresholdRule.ScaleDownBelow), ScaleDownBelow);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    public override string ToString() => $"threshold up above {N(ScaleUpAbove)} %, down below {N(ScaleDownBelow)} %, step {StepSize}";
}

/// <summary>
/// The hybrid: target tracking (<paramref name="Reactive"/>) beside a <see cref="PredictivePolicy"/> that provisions for
/// its forecast's upper band at <paramref name="ForecastUtilization"/> of capacity, looking start-up time +
/// <paramref name="Buffer"/> ahead. <see cref="Build"/> is the predictive half; <see cref="BuildAll"/> both.
/// </summary>
/// <param name="Reactive">The target tracking half.</param>
/// <param name="ForecastUtilization">The predictive policy's target, in percent of an instance's capacity.</param>
/// <param name="Confidence">The band's confidence level (the band's upper edge is provisioned for).</param>
/// <param name="Buffer">The horizon beyond the start-up time.</param>
internal sealed record TunedHybrid(TunedTargetTracking Reactive, double ForecastUtilization, double Confidence, TimeSpan Buffer) : TunedPolicy
{
    public override string Preset => PolicyPresets.Hybrid;

    public override IScalingPolicy Build(SimulationOptions simulation) => new PredictivePolicy(Options(simulation));

    public override IReadOnlyList<IScalingPolicy> BuildAll(SimulationOptions simulation) => [Reactive.Build(simulation), Build(simulation)];

    public override void Write(Utf8JsonWriter json, SimulationOptions simulation)
    {
        var o = Options(simulation);
        json.WriteString("Type", PredictivePolicy.Kind);
        json.WriteString(nameof(PredictivePolicyOptions.Metric), o.Metric);
        json.WriteNumber(nameof(PredictivePolicyOptions.TargetPerInstance), o.TargetPerInstance);
        json.WriteString(nameof(PredictivePolicyOptions.StartupTime), o.StartupTime.ToString("c", CultureInfo.InvariantCulture));
        json.WriteString(nameof(PredictivePolicyOptions.Buffer), o.Buffer.ToString("c", CultureInfo.InvariantCulture));
        json.WriteNumber(nameof(PredictivePolicyOptions.Confidence), o.Confidence);
    }

    public override void WriteEntries(Utf8JsonWriter json, SimulationOptions simulation)
    {
        Reactive.WriteEntries(json, simulation);
        base.WriteEntries(json, simulation);
    }

    public override string ToString()
        => $"{Reactive} + predictive {N(ForecastUtilization)} %, band {N(100 * Confidence)} %, buffer {N(Buffer.TotalSeconds)} s";

    private PredictivePolicyOptions Options(SimulationOptions simulation) => new()
    {
        Metric = simulation.MetricName,
        TargetPerInstance = simulation.CapacityPerInstance * ForecastUtilization / 100,
        StartupTime = simulation.StartupDelay,
        Buffer = Buffer,
        Confidence = Confidence,
    };
}
