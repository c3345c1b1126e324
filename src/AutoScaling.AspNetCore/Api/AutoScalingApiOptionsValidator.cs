using Microsoft.Extensions.Options;

namespace AutoScaling.AspNetCore;

/// <summary>Checks at start that the API is secured, or explicitly open.</summary>
internal sealed class AutoScalingApiOptionsValidator : IValidateOptions<AutoScalingApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AutoScalingApiOptions options)
    {
        var errors = new List<string>();
        var hasPolicy = !string.IsNullOrWhiteSpace(options.ReadPolicy) || !string.IsNullOrWhiteSpace(options.WritePolicy);
        if (!options.AllowAnonymous && string.IsNullOrWhiteSpace(options.ReadPolicy))
        {
            errors.Add($"AutoScaling API: {nameof(AutoScalingApiOptions.ReadPolicy)} is not set (value: '{options.ReadPolicy}'). Name an authorization policy for reads (and {nameof(AutoScalingApiOptions.WritePolicy)} for writes), or set {nameof(AutoScalingApiOptions.AllowAnonymous)} = true for local use.");
        }

        if (options.AllowAnonymous && hasPolicy)
        {
            errors.Add($"AutoScaling API: {nameof(AutoScalingApiOptions.AllowAnonymous)} is true but a policy is named ('{options.ReadPolicy}', '{options.WritePolicy}'); choose one.");
        }

        if (options.OperationTimeout <= TimeSpan.Zero)
        {
            errors.Add($"AutoScaling API: {nameof(AutoScalingApiOptions.OperationTimeout)} must be positive (value: {options.OperationTimeout}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
