using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoScaling.Policies;

/// <summary>Validates <see cref="ThresholdPolicyOptions"/>; every message names the group, the field (<c>Rules:1:ScaleDownBelow</c>) and the value.</summary>
internal sealed class ThresholdPolicyOptionsValidator : IValidateOptions<ThresholdPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, ThresholdPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(PolicyOptionsKey.GroupOf(name), ThresholdPolicy.Kind + " policy");
        if (!Enum.IsDefined(options.Mode))
        {
            m.Add(nameof(options.Mode), options.Mode, "it must be Linear or Exponential");
        }

        if (options.StepSize < 1)
        {
            m.Add(nameof(options.StepSize), options.StepSize, "it must be at least 1");
        }

        if (!(options.Factor > 1 && options.Factor <= ThresholdPolicy.MaxFactor))
        {
            m.Add(nameof(options.Factor), options.Factor, "it must be greater than 1 and at most 10");
        }

        if (options.Rules is not { Count: > 0 } rules)
        {
            m.Add("Rules is empty; at least one rule (Metric, ScaleUpAbove, ScaleDownBelow) is required.");
            return m.ToResult();
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"Rules:{i}");
            var rule = rules[i];
            if (rule is null)
            {
                m.Add(field, null, "a rule is required");
                continue;
            }

            if (string.IsNullOrWhiteSpace(rule.Metric))
            {
                m.Add(field + ":Metric", rule.Metric, "it must name a metric of the group");
            }
            else if (seen.TryGetValue(rule.Metric, out var first))
            {
                m.Add(field + ":Metric", rule.Metric, string.Create(CultureInfo.InvariantCulture, $"Rules:{first} already has it: one rule per metric"));
            }
            else
            {
                seen.Add(rule.Metric, i);
            }

            var up = rule.ScaleUpAbove;
            var down = rule.ScaleDownBelow;
            if (up is null && down is null)
            {
                m.Add(field + ":ScaleUpAbove", null, "set ScaleUpAbove, ScaleDownBelow or both");
            }

            if (up is { } u && !double.IsFinite(u))
            {
                m.Add(field + ":ScaleUpAbove", u, "it must be a finite number");
            }

            if (down is { } d && !double.IsFinite(d))
            {
                m.Add(field + ":ScaleDownBelow", d, "it must be a finite number");
            }

            if (up is { } hi && down is { } lo && double.IsFinite(hi) && double.IsFinite(lo) && lo > hi)
            {
                m.Add(field + ":ScaleDownBelow", lo, $"it must not be greater than ScaleUpAbove ({hi.ToString(CultureInfo.InvariantCulture)}): the band between them is where nothing changes");
            }
        }

        return m.ToResult();
    }
}
