using System.Text.Json;

namespace AutoScaling.Simulation;

/// <summary>
/// Writes a tuned target-tracking group as an AWS target-tracking policy that <see cref="AwsImport"/> reads back: a
/// <c>CustomizedMetricSpecification</c> averaging the simulator's <c>rps</c> per instance, with the target per instance
/// as <c>TargetValue</c>. The group's limits stay on the Auto Scaling group, outside the policy.
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

    private static bool Default(ScalingRules rules, ScalingRules defaults)
        => rules.StabilizationWindow == defaults.StabilizationWindow && rules.Cooldown == TimeSpan.Zero && rules.Policies.Count == 0;
}
