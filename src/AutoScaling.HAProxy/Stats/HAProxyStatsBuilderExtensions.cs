using AutoScaling.HAProxy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds metrics read straight from HAProxy's runtime API (<c>show stat</c>), without Prometheus.</summary>
public static class HAProxyStatsBuilderExtensions
{
    /// <summary>
    /// Adds a metric read from HAProxy's <c>show stat</c> for a backend: request rate, current sessions, queue or average
    /// response time, for the group (the backend's row) and per instance (its server's row). Metrics of one backend share
    /// one <c>show stat</c> per evaluation.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, unique in the group; policies refer to it.</param>
    /// <param name="configure">Configures the runtime API, the backend and the statistic.</param>
    /// <returns>The group builder.</returns>
    /// <example><code>
    /// g.UseHAProxyStats("rps", s => { s.SocketPath = "/run/haproxy/admin.sock"; s.Backend = "web"; s.Statistic = HAProxyStatistic.RequestRate; });
    /// </code></example>
    public static IScalingGroupBuilder UseHAProxyStats(this IScalingGroupBuilder builder, string metricName, Action<HAProxyStatsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseHAProxyStats(metricName, o => o.Configure(configure));
    }

    /// <summary>Adds a metric read from HAProxy's <c>show stat</c>, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, unique in the group; policies refer to it.</param>
    /// <param name="section">A section shaped as <see cref="HAProxyStatsOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseHAProxyStats(this IScalingGroupBuilder builder, string metricName, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseHAProxyStats(metricName, o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseHAProxyStats(this IScalingGroupBuilder builder, string metricName, Action<OptionsBuilder<HAProxyStatsOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<HAProxyStatsReaders>();
        return builder.UseMetric<HAProxyStatsOptions, HAProxyStatsOptionsValidator>(metricName, HAProxyStatsSource.Kind, options, static (sp, o) => new HAProxyStatsSource(
            sp.GetRequiredService<HAProxyStatsReaders>().Get(o),
            o.Statistic,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<HAProxyStatsSource>>()));
    }
}
