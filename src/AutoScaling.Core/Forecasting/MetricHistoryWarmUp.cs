using Microsoft.Extensions.Logging;

namespace AutoScaling.Forecasting;

/// <summary>A history source registered for a group's metric.</summary>
internal sealed record MetricHistoryRegistration(string Group, string Metric, Func<IServiceProvider, IMetricHistorySource> Factory);

/// <summary>
/// The one-time load of a group's metric histories into its learning policies, before its first evaluation (so off the
/// decision path). A source that fails or times out is logged and skipped.
/// </summary>
internal sealed partial class MetricHistoryWarmUp(string group, IReadOnlyList<(string Metric, IMetricHistorySource Source)> sources)
{
    public static MetricHistoryWarmUp? Create(IServiceProvider services, string group)
    {
        var registrations = (IEnumerable<MetricHistoryRegistration>?)services.GetService(typeof(IEnumerable<MetricHistoryRegistration>)) ?? [];
        var sources = registrations.Where(r => r.Group == group).Select(r => (r.Metric, r.Factory(services))).ToArray();
        return sources.Length == 0 ? null : new MetricHistoryWarmUp(group, sources);
    }

    public async Task RunAsync(IReadOnlyList<IScalingPolicy> policies, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        foreach (var (metric, source) in sources)
        {
            var learners = policies.OfType<IMetricHistoryLearner>().Where(p => p.Metric == metric).ToArray();
            if (learners.Length == 0)
            {
                continue;
            }

            IReadOnlyList<MetricHistoryPoint> points;
            try
            {
                points = await source.LoadAsync(group, metric, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, group, metric, ex.Message);
                continue;
            }

            foreach (var learner in learners)
            {
                LogLoaded(logger, group, metric, learner.Learn(points), points.Count);
            }
        }
    }

    [LoggerMessage(50, LogLevel.Information, "Group {Group}: learned {Learned} of {Points} history points of metric {Metric}")]
    private static partial void LogLoaded(ILogger logger, string group, string metric, int learned, int points);

    [LoggerMessage(51, LogLevel.Warning, "Group {Group}: history of metric {Metric} not loaded ({Error}); learning from the group's samples")]
    private static partial void LogFailed(ILogger logger, string group, string metric, string error);
}
