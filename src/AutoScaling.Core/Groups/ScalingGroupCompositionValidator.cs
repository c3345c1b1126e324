using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Checks that a group has an instance provider, at least one policy, unique metric names, and that every policy reads only metrics of the group.</summary>
internal sealed class ScalingGroupCompositionValidator(IServiceProvider services) : IValidateOptions<ScalingGroupComposition>
{
    public ValidateOptionsResult Validate(string? name, ScalingGroupComposition options)
    {
        var m = new ValidationMessages(name ?? string.Empty);
        if (options.InstanceProvider is null)
        {
            m.Add("it has no instance provider: call UseInstances(...), UseInMemoryInstances(...) or an adapter's UseXxx(...)");
        }

        if (options.Policies.Count == 0)
        {
            m.Add("it has no scaling policy: call UseTargetTracking(...), UseStepScaling(...), UseThresholds(...), UseFixed(...) or UsePolicy(...)");
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in options.Metrics)
        {
            if (!known.Add(metric.Name))
            {
                m.Add("Metrics", metric.Name, "each metric name must be used once in a group");
            }
        }

        foreach (var policy in options.Policies)
        {
            IEnumerable<string> referenced;
            try
            {
                referenced = policy.ReferencedMetrics(services);
            }
            catch (OptionsValidationException)
            {
                continue; // the policy's own validator reports its options
            }

            foreach (var metric in referenced)
            {
                if (!known.Contains(metric))
                {
                    var list = known.Count == 0 ? "none" : string.Join(", ", known);
                    m.Add($"{policy.Kind} policy: Metric", metric, $"it is not a metric of the group (known: {list})");
                }
            }
        }

        return m.ToResult();
    }
}
