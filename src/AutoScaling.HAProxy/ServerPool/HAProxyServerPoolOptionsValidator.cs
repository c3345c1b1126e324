using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoScaling.HAProxy;

internal sealed class HAProxyServerPoolOptionsValidator : IValidateOptions<HAProxyServerPoolOptions>
{
    public ValidateOptionsResult Validate(string? name, HAProxyServerPoolOptions options)
    {
        var m = new ValidationMessages(name ?? string.Empty, "HAProxy server pool");
        options.ValidateCommon(m);
        if (options.Servers.Count == 0)
        {
            m.Add(nameof(options.Servers), options.Servers.Count, "the pool needs at least one server");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Servers.Count; i++)
        {
            var server = options.Servers[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"Servers:{i}:");
            if (server is null)
            {
                m.Add(field.TrimEnd(':'), null, "it must be set");
                continue;
            }

            if (!HAProxyNames.IsValidName(server.Name))
            {
                m.Add(field + nameof(server.Name), server.Name, "it must match ^[A-Za-z0-9_.:-]+$");
            }
            else if (!names.Add(server.Name))
            {
                m.Add(field + nameof(server.Name), server.Name, "it must be unique in the pool");
            }

            if (!HAProxyNames.TryParseEndPoint(server.Address, out var endpoint))
            {
                m.Add(field + nameof(server.Address), server.Address, "it must be an IP literal and a port, as 127.0.0.1:8080");
            }
            else if (!addresses.Add(HAProxyNames.Format(endpoint)))
            {
                m.Add(field + nameof(server.Address), server.Address, "it must be unique in the pool");
            }
        }

        return m.ToResult();
    }
}
