using Microsoft.Extensions.Configuration;

namespace AutoScaling;

/// <summary>Adds the built-in policies named in a group's <c>Policies</c> configuration section.</summary>
/// <remarks>
/// Shape: <c>"Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100 } ]</c>. Each
/// entry is bound to the options of its type through the same <c>UseXxx(IConfiguration)</c> path as code.
/// </remarks>
internal static class ScalingGroupConfiguration
{
    /// <summary>Gets the policy types the <c>Policies</c> section accepts (the ready-made host reports every unknown one at once).</summary>
    public static IReadOnlyList<string> PolicyTypes => KnownTypes;

    public static void BindPolicies(IScalingGroupBuilder group, IConfiguration section)
    {
        foreach (var entry in section.GetSection("Policies").GetChildren())
        {
            var type = entry["Type"];
            switch (type)
            {
                case Policies.FixedPolicy.Kind:
                    group.UseFixed(entry);
                    break;
                case Policies.TargetTrackingPolicy.Kind:
                    group.UseTargetTracking(entry);
                    break;
                case Policies.StepScalingPolicy.Kind:
                    group.UseStepScaling(entry);
                    break;
                case Policies.ThresholdPolicy.Kind:
                    group.UseThresholds(entry);
                    break;
                case Policies.NomadThresholdPolicy.Kind:
                    group.UseNomadThreshold(entry);
                    break;
                case Policies.SchedulePolicy.Kind:
                    group.UseSchedule(entry);
                    break;
                case Policies.PredictivePolicy.Kind:
                    group.UsePredictive(entry);
                    break;
                default:
                    throw new InvalidOperationException(
                        $"AutoScaling group {MessageText.Quote(group.Name)}: Policies:{MessageText.OneLine(entry.Key)}:Type is {MessageText.Quote(type)}; it must be one of {string.Join(", ", KnownTypes)}.");
            }
        }
    }

    private static readonly string[] KnownTypes = [Policies.FixedPolicy.Kind, Policies.TargetTrackingPolicy.Kind, Policies.StepScalingPolicy.Kind, Policies.ThresholdPolicy.Kind, Policies.NomadThresholdPolicy.Kind, Policies.SchedulePolicy.Kind, Policies.PredictivePolicy.Kind];
}
