namespace AutoScaling;

/// <summary>Reads one named signal (requests per second, CPU utilization, queue length…) for a scaling group.</summary>
/// <remarks>
/// Implementations report problems as values: return <see cref="MetricSample.Missing"/> when the source has
/// no data and <see cref="MetricSample.Failed"/> when it cannot be read. Throwing is tolerated (the
/// controller turns an exception into a failed sample) but not preferred. Missing data must never be
/// reported as zero: a zero would scale a group down during an outage of the metrics system.
/// </remarks>
public interface IMetricSource
{
    /// <summary>Reads the current value.</summary>
    /// <param name="context">The group and metric being read, and the group's current size.</param>
    /// <param name="cancellationToken">Cancelled when the read times out or the host stops.</param>
    /// <returns>The sample.</returns>
    ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken);
}

/// <summary>What a <see cref="IMetricSource"/> is asked to read.</summary>
/// <param name="GroupName">The scaling group's name.</param>
/// <param name="MetricName">The metric's name within the group.</param>
/// <param name="CurrentInstances">The group's current instance count (starting and active).</param>
public readonly record struct MetricReadContext(string GroupName, string MetricName, int CurrentInstances);
