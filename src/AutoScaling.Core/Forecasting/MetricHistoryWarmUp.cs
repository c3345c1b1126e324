using Microsoft.Extensions.Logging;

namespace AutoScaling.Forecasting;

/// <summary>A history source registered for a group's metric.</summary>
internal sealed record MetricHistoryRegistration(string Group, string Metric, Func<IServiceProvider, IMetricHistorySource> Factory);

/// <summary>
/// The load of a group's metric histories into its learning policies before its first evaluation (so off the decision
/// path), and again after a reload for the new policies that could not take over what the replaced ones learned. A
/// source that fails or times out is logged and skipped.
/// </summary>
internal sealed partial class MetricHistoryWarmUp(string group, IReadOnlyList<(string Metric, IMetricHistorySource Source)> sources)
{
    public static MetricHistoryWarmUp? Create(IServiceProvider services, string group)
    {
        var registrations = (IEnumerable<MetricHistoryRegistration>?)services.GetService(typeof(IEnumerable<MetricHistoryRegistration>)) ?? [];
        var sources = registrations.Where(r => r.Group == group).Select(r => (r.Metric, r.Factory(services))).ToArray();
        return sources.Length == 0 ? null : new MetricHistoryWarmUp(group, sources);
    }

    /// <summary>
    /// On a reload: each new learning policy takes over what the replaced one of its metric learned (when its model is the
    /// same); returns the new learning policies that could not, whose history is to be loaded again.
    /// </summary>
    public static IScalingPolicy[] CarryOver(IReadOnlyList<IScalingPolicy> previous, IReadOnlyList<IScalingPolicy> next)
    {
        var cold = new List<IScalingPolicy>();
        var left = previous.OfType<IMetricHistoryLearner>().ToList(); // a model is taken over once
        foreach (var policy in next)
        {
            if (policy is not IMetricHistoryLearner learner)
            {
                continue;
            }

            var from = left.FindIndex(p => p.Metric == learner.Metric && learner.Adopt(p));
            if (from < 0)
            {
                cold.Add(policy);
            }
            else
            {
                left.RemoveAt(from);
            }
        }

        return [.. cold];
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
