using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AutoScaling.Simulation;

/// <summary>
/// Reads an AWS target-tracking or step-scaling policy (<see cref="AwsPolicy"/>) as a group: the policy becomes the
/// group's configuration keys and goes through <see cref="AppSettingsImport.Build"/>. A policy has no limits (they
/// live on the Auto Scaling group), so the group's minimum, maximum and interval come from <c>limits</c>.
/// </summary>
internal static class AwsImport
{
    private const string Root = "group";

    /// <summary>ALBRequestCountPerTarget is a one-minute sum per target; the simulator's <c>rps</c> is per second.</summary>
    private const double SecondsPerMinute = 60;

    /// <exception cref="InvalidOperationException">The JSON is malformed (line and column given), or a field cannot be represented.</exception>
    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Load(string path, string groupName, ScalingGroupOptions limits, SimulationOptions simulation)
        => Read(File.ReadAllText(path), Path.GetFileName(path), groupName, limits, simulation);

    public static (ScalingGroupOptions Group, IReadOnlyList<IScalingPolicy> Policies) Read(string json, string source, string groupName, ScalingGroupOptions limits, SimulationOptions simulation)
    {
        AwsPolicy policy;
        try
        {
            policy = JsonSerializer.Deserialize(json, AwsPolicyJson.Default.AwsPolicy) ?? throw Error(source, "$", "null", "expected a policy object");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{source}: not valid JSON for an AWS policy at line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1} ({ex.Path}).", ex);
        }

        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [$"{Root}:MinInstances"] = limits.MinInstances.ToString(CultureInfo.InvariantCulture),
            [$"{Root}:MaxInstances"] = limits.MaxInstances.ToString(CultureInfo.InvariantCulture),
            [$"{Root}:Interval"] = limits.Interval.ToString("c", CultureInfo.InvariantCulture),
        };
        Refuse(source, "$", policy.Other);
        switch (policy)
        {
            case { TargetTrackingConfiguration: { } t, StepScalingPolicyConfiguration: null } when policy.PolicyType is null or "TargetTrackingScaling":
                TargetTracking(source, t, keys, simulation);
                break;
            case { StepScalingPolicyConfiguration: { } s, TargetTrackingConfiguration: null } when policy.PolicyType is null or "StepScaling":
                StepScaling(source, s, policy.Alarm, keys, simulation);
                break;
            default:
                throw Error(source, "$.PolicyType", policy.PolicyType ?? "missing", "expected TargetTrackingScaling with a TargetTrackingConfiguration, or StepScaling with a StepScalingPolicyConfiguration");
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(keys).Build();
        return AppSettingsImport.Build(configuration.GetSection(Root), groupName, simulation);
    }

    private static void TargetTracking(string source, AwsTargetTracking t, Dictionary<string, string?> keys, SimulationOptions simulation)
    {
        const string at = "$.TargetTrackingConfiguration";
        Refuse(source, at, t.Other);
        var target = t.TargetValue ?? throw Error(source, $"{at}.TargetValue", "missing", "a target-tracking policy needs it");
        var (metric, field, value) = (t.PredefinedMetricSpecification, t.CustomizedMetricSpecification) switch
        {
            ({ } predefined, null) => Predefined(source, predefined, target, simulation),
            (null, { ValueKind: JsonValueKind.Object }) => (simulation.MetricName, "TargetPerInstance", target),
            _ => throw Error(source, at, "PredefinedMetricSpecification and CustomizedMetricSpecification", "expected exactly one of them"),
        };
        keys[$"{Root}:Policies:0:Type"] = Policies.TargetTrackingPolicy.Kind;
        keys[$"{Root}:Policies:0:Metric"] = metric;
        keys[$"{Root}:Policies:0:{field}"] = value.ToString("R", CultureInfo.InvariantCulture);
        if (t.DisableScaleIn)
        {
            keys[$"{Root}:ScaleDown:SelectPolicy"] = nameof(RatePolicySelection.Disabled);
        }
    }

    private static (string Metric, string Field, double Value) Predefined(string source, AwsPredefinedMetric predefined, double target, SimulationOptions simulation)
    {
        Refuse(source, "$.TargetTrackingConfiguration.PredefinedMetricSpecification", predefined.Other);
        return predefined.PredefinedMetricType switch
        {
            "ASGAverageCPUUtilization" => (simulation.UtilizationMetricName, "TargetUtilization", target),
            "ALBRequestCountPerTarget" => (simulation.MetricName, "TargetPerInstance", target / SecondsPerMinute),
            var other => throw Error(source, "$.TargetTrackingConfiguration.PredefinedMetricSpecification.PredefinedMetricType", other ?? "missing", "expected ASGAverageCPUUtilization or ALBRequestCountPerTarget"),
        };
    }

    private static void StepScaling(string source, AwsStepScaling s, AwsAlarm? alarm, Dictionary<string, string?> keys, SimulationOptions simulation)
    {
        const string at = "$.StepScalingPolicyConfiguration";
        Refuse(source, at, s.Other);
        Refuse(source, "$.Alarm", alarm?.Other);
        if (alarm?.MetricName != "CPUUtilization")
        {
            throw Error(source, "$.Alarm.MetricName", alarm?.MetricName ?? "missing", $"only CPUUtilization maps to the simulator's '{simulation.UtilizationMetricName}' metric");
        }

        if (s.MetricAggregationType is not (null or "Average"))
        {
            throw Error(source, $"{at}.MetricAggregationType", s.MetricAggregationType, "only Average is supported");
        }

        var prefix = $"{Root}:Policies:0";
        keys[$"{prefix}:Type"] = "StepScaling";
        keys[$"{prefix}:Metric"] = simulation.UtilizationMetricName;
        keys[$"{prefix}:Threshold"] = (alarm.Threshold ?? throw Error(source, "$.Alarm.Threshold", "missing", "the step bounds are offsets from it")).ToString("R", CultureInfo.InvariantCulture);
        keys[$"{prefix}:AdjustmentType"] = s.AdjustmentType is "ChangeInCapacity" or "ExactCapacity" or "PercentChangeInCapacity"
            ? s.AdjustmentType
            : throw Error(source, $"{at}.AdjustmentType", s.AdjustmentType ?? "missing", "expected ChangeInCapacity, ExactCapacity or PercentChangeInCapacity");
        if (s.MinAdjustmentMagnitude is { } magnitude)
        {
            keys[$"{prefix}:MinAdjustmentMagnitude"] = magnitude.ToString(CultureInfo.InvariantCulture);
        }

        var steps = s.StepAdjustments is { Count: > 0 } list ? list : throw Error(source, $"{at}.StepAdjustments", "missing", "a step-scaling policy needs at least one step");
        for (var i = 0; i < steps.Count; i++)
        {
            Refuse(source, $"{at}.StepAdjustments[{i}]", steps[i].Other);
            keys[$"{prefix}:Steps:{i}:LowerBound"] = steps[i].MetricIntervalLowerBound?.ToString("R", CultureInfo.InvariantCulture);
            keys[$"{prefix}:Steps:{i}:UpperBound"] = steps[i].MetricIntervalUpperBound?.ToString("R", CultureInfo.InvariantCulture);
            keys[$"{prefix}:Steps:{i}:Adjustment"] = steps[i].ScalingAdjustment.ToString(CultureInfo.InvariantCulture);
        }

        // AWS's one cooldown follows the policy: scale-out steps (above the threshold) and scale-in steps (below).
        if (s.Cooldown is { } cooldown)
        {
            var value = TimeSpan.FromSeconds(cooldown).ToString("c", CultureInfo.InvariantCulture);
            if (steps.Any(x => x.MetricIntervalLowerBound >= 0))
            {
                keys[$"{Root}:ScaleUp:Cooldown"] = value;
            }

            if (steps.Any(x => x.MetricIntervalUpperBound <= 0))
            {
                keys[$"{Root}:ScaleDown:Cooldown"] = value;
            }
        }
    }

    private static void Refuse(string source, string at, Dictionary<string, JsonElement>? other)
    {
        if (other is { Count: > 0 })
        {
            var (name, value) = other.First();
            throw Error(source, $"{at}.{name}", value.GetRawText(), "not a field this import maps");
        }
    }

    private static InvalidOperationException Error(string source, string field, string value, string why)
        => new($"{source}: {field} = '{value}' is not supported: {why}.");
}
