namespace AutoScaling.InMemory;

/// <summary>A metric source that computes its value with a function, for example of time (a synthetic load curve).</summary>
/// <param name="read">Computes the value; a non-finite result reads as missing.</param>
/// <param name="timeProvider">The clock that stamps samples; the system clock by default.</param>
public sealed class DelegateMetricSource(Func<MetricReadContext, double> read, TimeProvider? timeProvider = null) : IMetricSource
{
    private readonly Func<MetricReadContext, double> _read = read ?? throw new ArgumentNullException(nameof(read));
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc/>
    public ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
        => ValueTask.FromResult(MetricSample.Valid(_read(context), _time.GetUtcNow()));
}
