using System.Globalization;

namespace AutoScaling.Simulation;

/// <summary>
/// Writes a tuned target-tracking group as a Kubernetes <c>autoscaling/v2</c> HorizontalPodAutoscaler that
/// <see cref="HpaImport"/> reads back to the same options. The target per instance becomes a <c>Pods</c> metric
/// with an <c>AverageValue</c> target; a tolerance other than the HPA's 0.1 is written as <c>behavior.*.tolerance</c>
/// (a field of Kubernetes 1.33+ behind the HPAConfigurableTolerance feature gate).
/// </summary>
internal static class HpaWriter
{
    /// <exception cref="InvalidOperationException">The group has a cooldown, which the HPA cannot express.</exception>
    public static void Write(TextWriter yaml, string groupName, ScalingGroupOptions group, string metric, double targetPerInstance, double tolerance)
    {
        foreach (var (name, rules) in new[] { ("scale-up", group.ScaleUp), ("scale-down", group.ScaleDown) })
        {
            if (rules.Cooldown != TimeSpan.Zero)
            {
                throw new InvalidOperationException(FormattableString.Invariant($"the {name} cooldown {rules.Cooldown.TotalSeconds} s has no HPA field; only a group without cooldowns can be written as an HPA."));
            }
        }

        yaml.WriteLine("apiVersion: autoscaling/v2");
        yaml.WriteLine("kind: HorizontalPodAutoscaler");
        yaml.WriteLine("metadata:");
        yaml.WriteLine($"  name: {groupName}");
        yaml.WriteLine("spec:");
        yaml.WriteLine("  scaleTargetRef:");
        yaml.WriteLine("    apiVersion: apps/v1");
        yaml.WriteLine("    kind: Deployment");
        yaml.WriteLine($"    name: {groupName}");
        yaml.WriteLine(Invariant($"  minReplicas: {group.MinInstances}"));
        yaml.WriteLine(Invariant($"  maxReplicas: {group.MaxInstances}"));
        yaml.WriteLine("  metrics:");
        yaml.WriteLine("  - type: Pods");
        yaml.WriteLine("    pods:");
        yaml.WriteLine("      metric:");
        yaml.WriteLine($"        name: {metric}");
        yaml.WriteLine("      target:");
        yaml.WriteLine("        type: AverageValue");
        yaml.WriteLine(Invariant($"        averageValue: \"{targetPerInstance:R}\""));
        yaml.WriteLine("  behavior:");
        Rules(yaml, "scaleUp", group.ScaleUp, tolerance);
        Rules(yaml, "scaleDown", group.ScaleDown, tolerance);
    }

    private static void Rules(TextWriter yaml, string name, ScalingRules rules, double tolerance)
    {
        yaml.WriteLine($"    {name}:");
        yaml.WriteLine(Invariant($"      stabilizationWindowSeconds: {(long)rules.StabilizationWindow.TotalSeconds}"));
        yaml.WriteLine($"      selectPolicy: {rules.SelectPolicy}");
        if (tolerance != Policies.TargetTrackingPolicy.DefaultTolerance)
        {
            yaml.WriteLine(Invariant($"      tolerance: \"{tolerance:R}\""));
        }

        if (rules.Policies.Count == 0)
        {
            return;
        }

        yaml.WriteLine("      policies:");
        foreach (var p in rules.Policies)
        {
            yaml.WriteLine($"      - type: {(p.Kind == ScalingRateKind.Instances ? "Pods" : "Percent")}");
            yaml.WriteLine(Invariant($"        value: {p.Value}"));
            yaml.WriteLine(Invariant($"        periodSeconds: {(long)p.Period.TotalSeconds}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
