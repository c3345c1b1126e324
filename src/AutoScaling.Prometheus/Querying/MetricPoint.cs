namespace AutoScaling.Prometheus;

/// <summary>One point of a metric's history.</summary>
/// <param name="Timestamp">When the value was evaluated.</param>
/// <param name="Value">The value (finite).</param>
public readonly record struct MetricPoint(DateTimeOffset Timestamp, double Value);
