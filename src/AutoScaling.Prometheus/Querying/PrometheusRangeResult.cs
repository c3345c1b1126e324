namespace AutoScaling.Prometheus;

/// <summary>The history of a metric read by a range query: points in time order, or why there are none.</summary>
public sealed class PrometheusRangeResult
{
    private PrometheusRangeResult(MetricStatus status, IReadOnlyList<MetricPoint> points, string? error)
    {
        Status = status;
        Points = points;
        Error = error;
    }

    /// <summary>Gets <see cref="MetricStatus.Valid"/> with at least one point, <see cref="MetricStatus.Missing"/> when Prometheus had no data, or <see cref="MetricStatus.Failed"/>.</summary>
    public MetricStatus Status { get; }

    /// <summary>Gets the points in time order (NaN and infinite values are left out: they are not data).</summary>
    public IReadOnlyList<MetricPoint> Points { get; }

    /// <summary>Gets what went wrong, or why there is no data; never contains secrets.</summary>
    public string? Error { get; }

    internal static PrometheusRangeResult Valid(IReadOnlyList<MetricPoint> points)
        => points.Count == 0 ? Missing("The range query returned no finite values.") : new(MetricStatus.Valid, points, null);

    internal static PrometheusRangeResult Missing(string reason) => new(MetricStatus.Missing, [], reason);

    internal static PrometheusRangeResult Failed(string error) => new(MetricStatus.Failed, [], error);
}
