using System.Text.Json;

namespace AutoScaling.Simulation;

/// <summary>
/// Writes a tuned group as an AWS policy that <see cref="AwsImport"/> reads back. Target tracking becomes a
/// target-tracking policy with a <c>CustomizedMetricSpecification</c> averaging the simulator's <c>rps</c> per instance, with the target per instance
/// as <c>TargetValue</c>; step scaling a step-scaling policy. The group's limits stay on the Auto Scaling group,
/// outside the policy.
/// </summary>
internal static class AwsWriter
{
    /// <exception cref="InvalidOperationException">The group has what an AWS target-tracking policy cannot express.</exception>
    public static void Write(Stream stream, string groupName, ScalingGroupOptions group, string metric, double targetPerInstance, double tolerance)
    {
        var defaults = new ScalingGroupOptions();
        if (tolerance != Policies.TargetTrackingPolicy.DefaultTolerance || !Default(group.ScaleUp, defaults.ScaleUp) || !Default(group.ScaleDown, defaults.ScaleDown))
        {
            throw new InvalidOperationException("AWS target tracking has no tolerance, stabilization window, cooldown or rate policy: only a group with the defaults (and DisableScaleIn) can be written as an AWS policy.");
        }

        using var specification = JsonDocument.Parse($$"""{ "MetricName": {{JsonSerializer.Serialize(metric, AwsPolicyJson.Default.String)}}, "Namespace": "AutoScaling/Simulation", "Statistic": "Average" }""");
        var policy = new AwsPolicy
        {
            AutoScalingGroupName = groupName,
            PolicyName = $"{groupName}-target-tracking",
            PolicyType = "TargetTrackingScaling",
            TargetTrackingConfiguration = new AwsTargetTracking
            {
                TargetValue = targetPerInstance,
                CustomizedMetricSpecification = specification.RootElement.Clone(),
                DisableScaleIn = group.ScaleDown.SelectPolicy == RatePolicySelection.Disabled,
            },
        };
        JsonSerializer.Serialize(stream, policy, AwsPolicyJson.Default.AwsPolicy);
    }

    /// <summary>
    /// Writes a tuned step-scaling group as an AWS <c>StepScaling</c> policy on the average <c>CPUUtilization</c>, with
    /// the CloudWatch alarm's metric and threshold beside it in <c>Alarm</c> (AWS keeps them on the alarm; the import
    /// needs them). The one <c>Cooldown</c> is the group's, which must be the same in both directions.
    /// </summary>
    /// <exception cref="InvalidOperationException">The group has what an AWS step-scaling policy cannot express.</exception>
    public static void Write(Stream stream, string groupName, ScalingGroupOptions group, TunedStepScaling steps)
    {
        var defaults = new ScalingGroupOptions();
        if (group.ScaleUp.Cooldown != group.ScaleDown.Cooldown || group.ScaleUp.Policies.Count + group.ScaleDown.Policies.Count > 0
            || group.ScaleUp.StabilizationWindow != defaults.ScaleUp.StabilizationWindow || group.ScaleDown.StabilizationWindow != defaults.ScaleDown.StabilizationWindow)
        {
            throw new InvalidOperationException("AWS step scaling has one cooldown and no stabilization window or rate policy: only a group with the default windows, no rate policies and the same cooldown up and down can be written as an AWS step-scaling policy.");
        }

        var policy = new AwsPolicy
        {
            AutoScalingGroupName = groupName,
            PolicyName = $"{groupName}-step-scaling",
            PolicyType = "StepScaling",
            StepScalingPolicyConfiguration = new AwsStepScaling
            {
                AdjustmentType = nameof(Policies.StepAdjustmentType.ChangeInCapacity),
                MetricAggregationType = "Average",
                Cooldown = group.ScaleUp.Cooldown == TimeSpan.Zero ? null : (int)group.ScaleUp.Cooldown.TotalSeconds,
                StepAdjustments = [.. steps.Steps.Select(s => new AwsStepAdjustment { MetricIntervalLowerBound = s.LowerBound, MetricIntervalUpperBound = s.UpperBound, ScalingAdjustment = s.Adjustment })],
            },
            Alarm = new AwsAlarm { MetricName = "CPUUtilization", Threshold = steps.Threshold },
        };
        JsonSerializer.Serialize(stream, policy, AwsPolicyJson.Default.AwsPolicy);
    }

    private static bool Default(ScalingRules rules, ScalingRules defaults)
        => rules.StabilizationWindow == defaults.StabilizationWindow && rules.Cooldown == TimeSpan.Zero && rules.Policies.Count == 0;
}
