using Microsoft.Extensions.Options;

namespace AutoScaling.HAProxy;

internal sealed class HAProxyStatsOptionsValidator : IValidateOptions<HAProxyStatsOptions>
{
    public ValidateOptionsResult Validate(string? name, HAProxyStatsOptions options) => Validate(MetricOptionsName.Parse(name, HAProxyStatsSource.Kind), options).ToResult();

    public static ValidationMessages Validate((string Group, string Metric) key, HAProxyStatsOptions options)
    {
        var m = new ValidationMessages(key.Group, $"HAProxy stats metric '{key.Metric}'");
        HAProxyEndpointRules.Validate(m, options.SocketPath, options.TcpEndpoint);
        if (!HAProxyNames.IsValidName(options.Backend))
        {
            m.Add(nameof(options.Backend), options.Backend, "it must match ^[A-Za-z0-9_.:-]+$");
        }

        if (!Enum.IsDefined(options.Statistic))
        {
            m.Add(nameof(options.Statistic), options.Statistic, "it must be RequestRate, CurrentSessions, CurrentQueue or AverageResponseTime");
        }

        m.InRange(nameof(options.CommandTimeout), options.CommandTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        return m;
    }
}
