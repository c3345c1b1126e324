using Microsoft.Extensions.Options;

namespace AutoScaling.AspNetCore;

internal sealed class AutoScalingHealthCheckOptionsValidator : IValidateOptions<AutoScalingHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, AutoScalingHealthCheckOptions options)
        => options.FailedTicksThreshold < 1
            ? ValidateOptionsResult.Fail($"AutoScaling health check: {nameof(AutoScalingHealthCheckOptions.FailedTicksThreshold)} must be at least 1 (value: {options.FailedTicksThreshold}).")
            : ValidateOptionsResult.Success;
}
