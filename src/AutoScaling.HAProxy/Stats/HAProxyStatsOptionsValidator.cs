using Microsoft.Extensions.Options;

namespace AutoScaling.HAProxy;

internal sealed class HAProxyStatsOptionsValidator : IValidateOptions<HAProxyStatsOptions>
{
    public ValidateOptionsResult Validate(string? name, HAProxyStatsOptions options) => Validate(HAProxyStatsKey.Parse(name), options).ToResult();

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

/// <summary>Names the options of one HAProxy stats metric of one group: <c>{group}/haproxy-stats:{metric}</c>.</summary>
internal static class HAProxyStatsKey
{
    private const string Separator = "/haproxy-stats:";

    public static string Create(string group, string metric) => group + Separator + metric;

    public static (string Group, string Metric) Parse(string? key)
    {
        var at = key?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        return at < 0 ? (key ?? string.Empty, string.Empty) : (key![..at], key[(at + Separator.Length)..]);
    }
}
