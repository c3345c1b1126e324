namespace AutoScaling.InMemory;

/// <summary>
/// A metric source whose value is set by code: a value, no data, or a failure; and, optionally, a value per instance
/// address (<see cref="SetInstance"/>), read as per-instance samples. Thread-safe.
/// </summary>
public sealed class SettableMetricSource : IInstanceMetricSource
{
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private double _value;
    private MetricStatus _status = MetricStatus.Missing;
    private string? _error;
    private readonly Dictionary<string, double> _byAddress = new(StringComparer.OrdinalIgnoreCase);

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

    /// <summary>Sets the value of the instance at an address (<c>127.0.0.1:18101</c>); instances without one read as missing.</summary>
    /// <param name="address">The instance's address.</param>
    /// <param name="value">The value; a non-finite one reads as missing.</param>
    public void SetInstance(string address, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        lock (_lock)
        {
            _byAddress[address] = value;
        }
    }

    /// <summary>Forgets the value of the instance at an address: it reads as missing.</summary>
    /// <param name="address">The instance's address.</param>
    public void RemoveInstance(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            _byAddress.Remove(address);
        }
    }

    /// <inheritdoc/>
    public ValueTask ReadInstancesAsync(MetricReadContext context, IReadOnlyList<ScalingInstance> instances, Memory<MetricSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var now = _time.GetUtcNow();
        var span = samples.Span;
        lock (_lock)
        {
            for (var i = 0; i < instances.Count && i < span.Length; i++)
            {
                span[i] = instances[i].Address is { } address && _byAddress.TryGetValue(address, out var value)
                    ? MetricSample.Valid(value, now)
                    : MetricSample.Missing(now, "The instance has no value.");
            }
        }

        return ValueTask.CompletedTask;
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
