using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Validates <see cref="ScalingGroupOptions"/> across fields; every message names the group, the field and the value.</summary>
internal sealed class ScalingGroupOptionsValidator : IValidateOptions<ScalingGroupOptions>
{
    public ValidateOptionsResult Validate(string? name, ScalingGroupOptions options)
    {
        var m = new ValidationMessages(name ?? string.Empty);
        m.NotNegative(nameof(options.MinInstances), options.MinInstances);
        m.AtLeast(nameof(options.MaxInstances), options.MaxInstances, 1);
        m.NotGreaterThan(nameof(options.MinInstances), options.MinInstances, nameof(options.MaxInstances), options.MaxInstances);
        m.Positive(nameof(options.Interval), options.Interval);
        m.Positive(nameof(options.MetricTimeout), options.MetricTimeout);
        m.Positive(nameof(options.InstanceStartTimeout), options.InstanceStartTimeout);
        m.Positive(nameof(options.InstanceCheckInterval), options.InstanceCheckInterval);
        m.AtLeast(nameof(options.MaxInstancesPerStep), options.MaxInstancesPerStep, 1);
        m.NotNegative(nameof(options.StartRetries), options.StartRetries);
        m.AtLeast(nameof(options.ReconcileEveryTicks), options.ReconcileEveryTicks, 1);
        m.AtLeast(nameof(options.MaxConcurrentOperations), options.MaxConcurrentOperations, 1);
        m.AtLeast(nameof(options.EventLogCapacity), options.EventLogCapacity, 1);
        m.AtLeast("Fallback:FailureThreshold", options.Fallback.FailureThreshold, 1);
        if (options.Fallback.Behavior == MetricFallbackBehavior.Fixed
            && (options.Fallback.Instances < options.MinInstances || options.Fallback.Instances > options.MaxInstances))
        {
            m.Add("Fallback:Instances", options.Fallback.Instances, $"with Behavior Fixed it must be within MinInstances ({options.MinInstances}) and MaxInstances ({options.MaxInstances})");
        }

        Rules(m, "ScaleUp", options.ScaleUp);
        Rules(m, "ScaleDown", options.ScaleDown);
        return m.ToResult();
    }

    private static void Rules(ValidationMessages m, string prefix, ScalingRules rules)
    {
        m.NotNegative(prefix + ":StabilizationWindow", rules.StabilizationWindow);
        m.NotNegative(prefix + ":Cooldown", rules.Cooldown);
        if (!Enum.IsDefined(rules.SelectPolicy))
        {
            m.Add(prefix + ":SelectPolicy", rules.SelectPolicy, "it must be Max, Min or Disabled");
        }

        for (var i = 0; i < rules.Policies.Count; i++)
        {
            var p = rules.Policies[i];
            var field = $"{prefix}:Policies:{i}";
            if (p is null)
            {
                m.Add(field, null, "it must not be null");
                continue;
            }

            m.AtLeast(field + ":Value", p.Value, 1);
            m.Positive(field + ":Period", p.Period);
            if (!Enum.IsDefined(p.Kind))
            {
                m.Add(field + ":Kind", p.Kind, "it must be Instances or Percent");
            }
        }
    }
}
