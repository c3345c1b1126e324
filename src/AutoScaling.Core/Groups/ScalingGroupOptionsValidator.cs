using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Validates <see cref="ScalingGroupOptions"/> across fields; every message names the group, the field and the value.</summary>
internal sealed class ScalingGroupOptionsValidator : IValidateOptions<ScalingGroupOptions>
{
    public ValidateOptionsResult Validate(string? name, ScalingGroupOptions options)
    {
        var m = new ValidationMessages(name ?? string.Empty);
        if (options.MinInstances < 0)
        {
            m.Add(nameof(options.MinInstances), options.MinInstances, "it must not be negative");
        }

        if (options.MaxInstances < 1)
        {
            m.Add(nameof(options.MaxInstances), options.MaxInstances, "it must be at least 1");
        }

        if (options.MinInstances > options.MaxInstances)
        {
            m.Add(nameof(options.MinInstances), options.MinInstances, $"it must not be greater than MaxInstances ({options.MaxInstances})");
        }

        Positive(m, nameof(options.Interval), options.Interval);
        Positive(m, nameof(options.MetricTimeout), options.MetricTimeout);
        Positive(m, nameof(options.InstanceStartTimeout), options.InstanceStartTimeout);
        Positive(m, nameof(options.InstanceCheckInterval), options.InstanceCheckInterval);
        AtLeast(m, nameof(options.MaxInstancesPerStep), options.MaxInstancesPerStep, 1);
        AtLeast(m, nameof(options.StartRetries), options.StartRetries, 0);
        AtLeast(m, nameof(options.ReconcileEveryTicks), options.ReconcileEveryTicks, 1);
        AtLeast(m, nameof(options.MaxConcurrentOperations), options.MaxConcurrentOperations, 1);
        AtLeast(m, nameof(options.EventLogCapacity), options.EventLogCapacity, 1);
        AtLeast(m, "Fallback:FailureThreshold", options.Fallback.FailureThreshold, 1);
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
        NotNegative(m, prefix + ":StabilizationWindow", rules.StabilizationWindow);
        NotNegative(m, prefix + ":Cooldown", rules.Cooldown);
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

            AtLeast(m, field + ":Value", p.Value, 1);
            Positive(m, field + ":Period", p.Period);
            if (!Enum.IsDefined(p.Kind))
            {
                m.Add(field + ":Kind", p.Kind, "it must be Instances or Percent");
            }
        }
    }

    private static void Positive(ValidationMessages m, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            m.Add(field, value, "it must be positive");
        }
    }

    private static void NotNegative(ValidationMessages m, string field, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            m.Add(field, value, "it must not be negative");
        }
    }

    private static void AtLeast(ValidationMessages m, string field, int value, int min)
    {
        if (value < min)
        {
            m.Add(field, value, $"it must be at least {min}");
        }
    }
}
