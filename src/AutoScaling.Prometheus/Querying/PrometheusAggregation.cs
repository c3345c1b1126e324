namespace AutoScaling.Prometheus;

/// <summary>How a <see cref="PrometheusMetricSource"/> turns a result of several series into one value.</summary>
public enum PrometheusAggregation : byte
{
    /// <summary>Several series are an error: the query must return one series or a scalar (the default).</summary>
    None = 0,

    /// <summary>The sum of the series' values.</summary>
    Sum = 1,

    /// <summary>The largest value.</summary>
    Max = 2,

    /// <summary>The smallest value.</summary>
    Min = 3,

    /// <summary>The mean of the series' values.</summary>
    Average = 4,
}
