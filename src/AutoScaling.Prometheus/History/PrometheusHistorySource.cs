namespace AutoScaling.Prometheus;

/// <summary>A metric's history from one range query (<c>query_range</c>) ending at the group's start, aligned to the step.</summary>
internal sealed class PrometheusHistorySource(PrometheusMetricSource source, TimeSpan lookback, TimeSpan step) : IMetricHistorySource
{
    public async Task<IReadOnlyList<MetricHistoryPoint>> LoadAsync(string groupName, string metricName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Aligned to the step so a restart reads the same evaluation times (Prometheus evaluates start + k × step).
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % step.Ticks), TimeSpan.Zero);
        var result = await source.ReadRangeAsync(new MetricReadContext(groupName, metricName, 0), end - lookback, end, step, cancellationToken).ConfigureAwait(false);
        if (result.Status == MetricStatus.Failed)
        {
            throw new InvalidOperationException(result.Error);
        }

        return [.. result.Points.Select(static p => new MetricHistoryPoint(p.Timestamp, p.Value))];
    }
}
