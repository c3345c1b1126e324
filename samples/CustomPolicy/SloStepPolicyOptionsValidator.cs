using AutoScaling;
using Microsoft.Extensions.Options;

namespace CustomPolicySample;

/// <summary>Validates <see cref="SloStepPolicyOptions"/> at start; each message names the group, the field and the value.</summary>
public sealed class SloStepPolicyOptionsValidator : IValidateOptions<SloStepPolicyOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SloStepPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // UsePolicy names the options "{group}/{kind}#{n}": the group is what a user recognises.
        var group = name?.Split('/')[0] ?? string.Empty;
        var m = new ValidationMessages(group, SloStepPolicy.Kind + " policy");
        if (string.IsNullOrWhiteSpace(options.Metric))
        {
            m.Add(nameof(options.Metric), options.Metric, "it must name a metric of the group");
        }

        if (!(options.Objective > 0 && double.IsFinite(options.Objective)))
        {
            m.Add(nameof(options.Objective), options.Objective, "it must be a finite number above 0 (in the metric's unit)");
        }

        if (!(options.Gain > 0 && double.IsFinite(options.Gain)))
        {
            m.Add(nameof(options.Gain), options.Gain, "it must be a finite number above 0");
        }

        m.InRange(nameof(options.MaxStepUp), options.MaxStepUp, 1, 1000);
        if (!(options.ScaleInBelow >= 0 && options.ScaleInBelow < 1))
        {
            m.Add(nameof(options.ScaleInBelow), options.ScaleInBelow, "it must be at least 0 and below 1 (0 never scales in)");
        }

        return m.ToResult();
    }
}
