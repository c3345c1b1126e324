namespace AutoScaling.Forecasting;

/// <summary>A policy that learns a metric's past values before its first evaluation.</summary>
internal interface IMetricHistoryLearner
{
    /// <summary>Gets the metric whose history the policy learns.</summary>
    string Metric { get; }

    /// <summary>Learns the points, in time order, as if they had been the controller's samples.</summary>
    /// <param name="points">The points; out-of-order and non-finite ones are skipped.</param>
    /// <returns>How many points were learned.</returns>
    int Learn(IReadOnlyList<MetricHistoryPoint> points);

    /// <summary>Takes over what <paramref name="previous"/> (the policy a reload replaces) has learned, when its model is the same.</summary>
    /// <param name="previous">The replaced policy.</param>
    /// <returns>Whether the state was taken over; if not, this policy starts without it.</returns>
    bool Adopt(IMetricHistoryLearner previous);
}
