using Microsoft.Extensions.Options;

namespace AutoScaling.Policies;

/// <summary>Validates <see cref="TargetTrackingPolicyOptions"/>; every message names the group, the field and the value.</summary>
internal sealed class TargetTrackingPolicyOptionsValidator : IValidateOptions<TargetTrackingPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, TargetTrackingPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(PolicyOptionsKey.GroupOf(name), TargetTrackingPolicy.Kind + " policy");
        if (string.IsNullOrWhiteSpace(options.Metric))
        {
            m.Add(nameof(options.Metric), options.Metric, "it must name a metric of the group");
        }

        var perInstance = options.TargetPerInstance;
        var utilization = options.TargetUtilization;
        if (perInstance is null && utilization is null)
        {
            m.Add(nameof(options.TargetPerInstance), null, "set exactly one of TargetPerInstance (the metric is the group's total) and TargetUtilization (the metric is an average per instance)");
        }
        else if (perInstance is not null && utilization is not null)
        {
            m.Add(nameof(options.TargetUtilization), utilization, $"it cannot be set together with TargetPerInstance ({perInstance.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}): set exactly one");
        }

        if (perInstance is { } p && !(p > 0 && double.IsFinite(p)))
        {
            m.Add(nameof(options.TargetPerInstance), p, "it must be a finite number greater than 0");
        }

        if (utilization is { } u && !(u > 0 && double.IsFinite(u)))
        {
            m.Add(nameof(options.TargetUtilization), u, "it must be a finite number greater than 0");
        }

        if (!(options.ToleranceUp >= 0 && double.IsFinite(options.ToleranceUp)))
        {
            m.Add(nameof(options.ToleranceUp), options.ToleranceUp, "it must be a finite number of at least 0");
        }

        if (!(options.ToleranceDown >= 0 && double.IsFinite(options.ToleranceDown)))
        {
            m.Add(nameof(options.ToleranceDown), options.ToleranceDown, "it must be a finite number of at least 0 (1 or more never scales down)");
        }

        if (!Enum.IsDefined(options.FromZero))
        {
            m.Add(nameof(options.FromZero), options.FromZero, "it must be Abstain or Ratio");
        }

        return m.ToResult();
    }
}
