namespace AutoScaling;

/// <summary>One reading of a metric: a value, or the reason there is none.</summary>
/// <remarks>A readonly struct so the decision path can hold samples in preallocated spans.</remarks>
public readonly struct MetricSample : IEquatable<MetricSample>
{
    private MetricSample(double value, MetricStatus status, DateTimeOffset timestamp, string? error)
    {
        Value = value;
        Status = status;
        Timestamp = timestamp;
        Error = error;
    }

    /// <summary>Gets the value; meaningful only when <see cref="Status"/> is <see cref="MetricStatus.Valid"/>.</summary>
    public double Value { get; }

    /// <summary>Gets whether the sample is valid, missing or failed.</summary>
    public MetricStatus Status { get; }

    /// <summary>Gets when the value was observed (or when the read was attempted).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets a description of the failure or of the missing data; never contains secrets.</summary>
    public string? Error { get; }

    /// <summary>Gets a value indicating whether the sample carries a usable value.</summary>
    public bool IsValid => Status == MetricStatus.Valid;

    /// <summary>Creates a valid sample. A non-finite <paramref name="value"/> yields a <see cref="MetricStatus.Missing"/> sample.</summary>
    /// <param name="value">The observed value.</param>
    /// <param name="timestamp">When it was observed.</param>
    /// <returns>The sample.</returns>
    public static MetricSample Valid(double value, DateTimeOffset timestamp)
        => double.IsFinite(value)
            ? new MetricSample(value, MetricStatus.Valid, timestamp, null)
            : new MetricSample(double.NaN, MetricStatus.Missing, timestamp, "The value is not finite.");

    /// <summary>Creates a sample that says the source had no data.</summary>
    /// <param name="timestamp">When the read was made.</param>
    /// <param name="reason">Why there is no data, if known.</param>
    /// <returns>The sample.</returns>
    public static MetricSample Missing(DateTimeOffset timestamp, string? reason = null)
        => new(double.NaN, MetricStatus.Missing, timestamp, reason);

    /// <summary>Creates a sample that says the read failed.</summary>
    /// <param name="timestamp">When the read was attempted.</param>
    /// <param name="error">What went wrong (no secrets).</param>
    /// <returns>The sample.</returns>
    public static MetricSample Failed(DateTimeOffset timestamp, string error)
        => new(double.NaN, MetricStatus.Failed, timestamp, error);

    /// <inheritdoc/>
    public bool Equals(MetricSample other)
        => Status == other.Status && Timestamp == other.Timestamp && Value.Equals(other.Value) && string.Equals(Error, other.Error, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MetricSample other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Value, Status, Timestamp);

    /// <inheritdoc/>
    public override string ToString() => Status switch
    {
        MetricStatus.Valid => Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
        MetricStatus.Missing => "missing" + (Error is null ? string.Empty : ": " + Error),
        _ => "failed: " + Error,
    };

    /// <summary>Compares two samples.</summary>
    /// <param name="left">The first sample.</param>
    /// <param name="right">The second sample.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(MetricSample left, MetricSample right) => left.Equals(right);

    /// <summary>Compares two samples.</summary>
    /// <param name="left">The first sample.</param>
    /// <param name="right">The second sample.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(MetricSample left, MetricSample right) => !left.Equals(right);
}
