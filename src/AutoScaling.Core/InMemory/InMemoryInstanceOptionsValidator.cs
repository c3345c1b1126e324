using Microsoft.Extensions.Options;

namespace AutoScaling.InMemory;

internal sealed class InMemoryInstanceOptionsValidator : IValidateOptions<InMemoryInstanceOptions>
{
    public ValidateOptionsResult Validate(string? name, InMemoryInstanceOptions options)
    {
        var m = new ValidationMessages(name ?? string.Empty, "in-memory instances");
        if (options.StartupDelay < TimeSpan.Zero)
        {
            m.Add(nameof(options.StartupDelay), options.StartupDelay, "it must not be negative");
        }

        if (!(options.FailureRate >= 0 && options.FailureRate <= 1))
        {
            m.Add(nameof(options.FailureRate), options.FailureRate, "it must be within 0 and 1");
        }

        return m.ToResult();
    }
}
