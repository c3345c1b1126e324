namespace AutoScaling;

/// <summary>
/// Loads a metric's past values once, when its group starts, so a policy that learns from history (the predictive
/// policy) does not warm up again after a restart. Registered per group and metric with
/// <see cref="MetricHistoryBuilderExtensions.UseMetricHistory"/>.
/// </summary>
public interface IMetricHistorySource
{
    /// <summary>Loads the metric's history up to <paramref name="now"/>; how far back and at which step is the source's own setting.</summary>
    /// <param name="groupName">The group's name.</param>
    /// <param name="metricName">The metric's name.</param>
    /// <param name="now">The time of the group's first evaluation.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The points in time order; empty when there is no history. A failure throws: the group logs it and learns from its own samples.</returns>
    Task<IReadOnlyList<MetricHistoryPoint>> LoadAsync(string groupName, string metricName, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>One past value of a metric.</summary>
/// <param name="Timestamp">When the value was measured.</param>
/// <param name="Value">The value.</param>
public readonly record struct MetricHistoryPoint(DateTimeOffset Timestamp, double Value);
