using AutoScaling.Docker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds metrics read straight from the Docker Engine API's container stats, without Prometheus.</summary>
public static class DockerStatsBuilderExtensions
{
    /// <summary>
    /// Adds a metric of the group's own containers (by <c>UseDockerContainers</c>' ownership labels): CPU % (100 = one
    /// core, as <c>docker stats</c>) or memory % of the limit, averaged over them, and per instance. Metrics of one group
    /// share one one-shot stats call per container per evaluation.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, unique in the group; policies refer to it.</param>
    /// <param name="configure">Configures the daemon, the statistic and the owner.</param>
    /// <returns>The group builder.</returns>
    /// <example><code>
    /// g.UseDockerStats("cpu", s => s.Statistic = DockerStatistic.CpuPercent);
    /// </code></example>
    public static IScalingGroupBuilder UseDockerStats(this IScalingGroupBuilder builder, string metricName, Action<DockerStatsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseDockerStats(metricName, o => o.Configure(configure));
    }

    /// <summary>Adds a metric of the group's own containers from the Engine API's stats, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, unique in the group; policies refer to it.</param>
    /// <param name="section">A section shaped as <see cref="DockerStatsOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseDockerStats(this IScalingGroupBuilder builder, string metricName, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseDockerStats(metricName, o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseDockerStats(this IScalingGroupBuilder builder, string metricName, Action<OptionsBuilder<DockerStatsOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var group = builder.Name;
        builder.Services.TryAddSingleton<DockerStatsReaders>();
        return builder.UseMetric<DockerStatsOptions, DockerStatsOptionsValidator>(metricName, DockerStatsSource.Kind, options, (sp, o) => new DockerStatsSource(
            sp.GetRequiredService<DockerStatsReaders>().Get(group, o),
            o.Statistic,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DockerStatsSource>>()));
    }
}
