using Microsoft.Extensions.Options;

namespace AutoScaling;

internal sealed class AutoScalingOptionsValidator : IValidateOptions<AutoScalingOptions>
{
    public ValidateOptionsResult Validate(string? name, AutoScalingOptions options)
        => options.MaxConcurrentOperations < 1
            ? ValidateOptionsResult.Fail($"AutoScaling: MaxConcurrentOperations is {options.MaxConcurrentOperations}; it must be at least 1.")
            : ValidateOptionsResult.Success;
}
