using System.Text.Json;
using System.Text.Json.Serialization;

namespace AutoScaling.Simulation;

/// <summary>
/// An AWS scaling policy as <c>put-scaling-policy --cli-input-json</c> takes it: target tracking
/// (<c>TargetTrackingConfiguration</c>) or step scaling (<c>StepScalingPolicyConfiguration</c>, with the CloudWatch
/// alarm's <c>MetricName</c> and <c>Threshold</c> beside it, since AWS keeps the threshold on the alarm).
/// Fields this import does not map land in <see cref="Other"/> and are refused by name and value.
/// </summary>
internal sealed class AwsPolicy
{
    public string? AutoScalingGroupName { get; set; }

    public string? PolicyName { get; set; }

    public string? PolicyType { get; set; }

    public AwsTargetTracking? TargetTrackingConfiguration { get; set; }

    public AwsStepScaling? StepScalingPolicyConfiguration { get; set; }

    public AwsAlarm? Alarm { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

internal sealed class AwsTargetTracking
{
    public double? TargetValue { get; set; }

    public AwsPredefinedMetric? PredefinedMetricSpecification { get; set; }

    public JsonElement? CustomizedMetricSpecification { get; set; }

    public bool DisableScaleIn { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

internal sealed class AwsPredefinedMetric
{
    public string? PredefinedMetricType { get; set; }

    public string? ResourceLabel { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

internal sealed class AwsStepScaling
{
    public string? AdjustmentType { get; set; }

    public List<AwsStepAdjustment>? StepAdjustments { get; set; }

    public int? MinAdjustmentMagnitude { get; set; }

    public int? Cooldown { get; set; }

    public string? MetricAggregationType { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

internal sealed class AwsStepAdjustment
{
    public double? MetricIntervalLowerBound { get; set; }

    public double? MetricIntervalUpperBound { get; set; }

    public int ScalingAdjustment { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

internal sealed class AwsAlarm
{
    public string? MetricName { get; set; }

    public double? Threshold { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; set; }
}

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(AwsPolicy))]
[JsonSerializable(typeof(string))]
internal sealed partial class AwsPolicyJson : JsonSerializerContext;
