namespace AutoScaling.InMemory;

/// <summary>A metric source whose value is set by code: a value, no data, or a failure. Thread-safe.</summary>
public sealed class SettableMetricSource : IMetricSource
{
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private double _value;
    private MetricStatus _status = MetricStatus.Missing;
    private string? _error;

    /// <summary>Initializes a new instance of the <see cref="SettableMetricSource"/> class, with no data yet.</summary>
    /// <param name="timeProvider">The clock that stamps samples; the system clock by default.</param>
    public SettableMetricSource(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Sets the value read from now on.</summary>
    /// <param name="value">The value; a non-finite one reads as missing.</param>
    public void Set(double value)
    {
        lock (_lock)
        {
            (_value, _status, _error) = (value, MetricStatus.Valid, null);
        }
    }

    /// <summary>Makes reads return no data.</summary>
    public void SetMissing()
    {
        lock (_lock)
        {
            (_status, _error) = (MetricStatus.Missing, null);
        }
    }

    /// <summary>Makes reads fail.</summary>
    /// <param name="error">The failure's description.</param>
    public void SetFailed(string error)
    {
        lock (_lock)
        {
            (_status, _error) = (MetricStatus.Failed, error);
        }
    }

    /// <inheritdoc/>
    public ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return ValueTask.FromResult(_status switch
            {
                MetricStatus.Valid => MetricSample.Valid(_value, now),
                MetricStatus.Missing => MetricSample.Missing(now),
                _ => MetricSample.Failed(now, _error ?? "failed"),
            });
        }
    }
}
