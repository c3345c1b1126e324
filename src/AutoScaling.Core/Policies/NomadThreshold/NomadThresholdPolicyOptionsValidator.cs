using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoScaling.Policies;

/// <summary>
/// Validates <see cref="NomadThresholdPolicyOptions"/> in Nomad's order for each band (bounds, trigger, exactly one
/// action); every message names the group, the field (<c>Bands:1:UpperBound</c>) and the value.
/// </summary>
internal sealed class NomadThresholdPolicyOptionsValidator : IValidateOptions<NomadThresholdPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, NomadThresholdPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(PolicyOptionsKey.GroupOf(name), NomadThresholdPolicy.Kind + " policy");
        if (string.IsNullOrWhiteSpace(options.Metric))
        {
            m.Add(nameof(options.Metric), options.Metric, "it must name a metric of the group");
        }

        var window = options.Window;
        if (window is < 1 or > NomadThresholdPolicy.MaxWindow)
        {
            m.Add(nameof(options.Window), window, "it must be from 1 to 60 (recent evaluations)");
        }

        if (options.Bands is not { Count: > 0 } bands)
        {
            m.Add("Bands is empty; at least one band (LowerBound and/or UpperBound, and one of Delta, Percentage and Value) is required.");
            return m.ToResult();
        }

        for (var i = 0; i < bands.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"Bands:{i}");
            if (bands[i] is not { } band)
            {
                m.Add(field, null, "a band is required");
                continue;
            }

            ValidateBounds(m, field, band);
            if (band.WithinBoundsTrigger < 1 || (band.WithinBoundsTrigger > window && window >= 1))
            {
                m.Add(field + ":WithinBoundsTrigger", band.WithinBoundsTrigger, string.Create(CultureInfo.InvariantCulture, $"it must be at least 1 and at most Window ({window}), the points looked at"));
            }

            ValidateAction(m, field, band);
        }

        return m.ToResult();
    }

    private static void ValidateBounds(ValidationMessages m, string field, NomadThresholdBand band)
    {
        if (band.LowerBound is null && band.UpperBound is null)
        {
            m.Add(field + ":LowerBound", null, "set LowerBound, UpperBound or both");
            return;
        }

        if (band.LowerBound is { } lower && !double.IsFinite(lower))
        {
            m.Add(field + ":LowerBound", lower, "it must be a finite number");
        }

        if (band.UpperBound is { } upper && !double.IsFinite(upper))
        {
            m.Add(field + ":UpperBound", upper, "it must be a finite number");
        }

        if (band.LowerBound is { } lo && band.UpperBound is { } hi && double.IsFinite(lo) && double.IsFinite(hi) && !(hi > lo))
        {
            m.Add(field + ":UpperBound", hi, $"it must be greater than LowerBound ({lo.ToString(CultureInfo.InvariantCulture)}): the band [LowerBound, UpperBound) would be empty");
        }
    }

    private static void ValidateAction(ValidationMessages m, string field, NomadThresholdBand band)
    {
        var actions = (band.Delta is null ? 0 : 1) + (band.Percentage is null ? 0 : 1) + (band.Value is null ? 0 : 1);
        if (actions == 0)
        {
            m.Add(field + ":Delta", null, "set exactly one of Delta, Percentage and Value");
            return;
        }

        if (actions > 1)
        {
            var set = string.Join(", ", new[] { band.Delta is null ? null : "Delta", band.Percentage is null ? null : "Percentage", band.Value is null ? null : "Value" }.Where(static a => a is not null));
            m.Add(string.Create(CultureInfo.InvariantCulture, $"{field} sets {set}; set only one of Delta, Percentage and Value."));
        }

        if (band.Percentage is { } p && !(p >= -100 && double.IsFinite(p)))
        {
            m.Add(field + ":Percentage", p, "it must be a finite number of at least -100");
        }

        if (band.Value is { } v && v < 0)
        {
            m.Add(field + ":Value", v, "it must not be negative");
        }
    }
}
