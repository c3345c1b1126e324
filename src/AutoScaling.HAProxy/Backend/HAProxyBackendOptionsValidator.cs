using Microsoft.Extensions.Options;

namespace AutoScaling.HAProxy;

internal sealed class HAProxyBackendOptionsValidator : IValidateOptions<HAProxyBackendOptions>
{
    public ValidateOptionsResult Validate(string? name, HAProxyBackendOptions options)
    {
        var m = new ValidationMessages(name ?? string.Empty, "HAProxy backend");
        options.ValidateCommon(m);
        if (!HAProxyNames.IsValidName(options.ServerNamePrefix) || options.ServerNamePrefix.Length > 64)
        {
            m.Add(nameof(options.ServerNamePrefix), options.ServerNamePrefix, "it must match ^[A-Za-z0-9_.:-]+$ and have at most 64 characters");
        }

        return m.ToResult();
    }
}
