namespace AutoScaling.Prometheus;

/// <summary>What a Prometheus answer says, before it becomes a <see cref="MetricSample"/>.</summary>
internal enum PrometheusResultKind : byte
{
    /// <summary>One finite value (a scalar, one series, or several aggregated).</summary>
    Value,

    /// <summary>An empty vector: no data.</summary>
    Empty,

    /// <summary>NaN or an infinity: no usable data.</summary>
    NotFinite,

    /// <summary>Several series and no aggregation was asked for.</summary>
    SeveralSeries,

    /// <summary><c>status: error</c>, with <c>errorType</c> and <c>error</c>.</summary>
    Error,

    /// <summary>A well-formed answer of a kind a metric cannot use (a string, a range vector, a native histogram).</summary>
    Unsupported,

    /// <summary>Not a Prometheus answer.</summary>
    Invalid,
}

/// <summary>The parsed answer of an instant query. A struct: parsing a successful answer allocates nothing.</summary>
internal readonly struct PrometheusInstantResult
{
    private PrometheusInstantResult(PrometheusResultKind kind, double value, double timestamp, int series, string? errorType, string? error)
    {
        Kind = kind;
        Value = value;
        Timestamp = timestamp;
        Series = series;
        ErrorType = errorType;
        Error = error;
    }

    /// <summary>Gets what the answer says.</summary>
    public PrometheusResultKind Kind { get; }

    /// <summary>Gets the value (for <see cref="PrometheusResultKind.Value"/>).</summary>
    public double Value { get; }

    /// <summary>Gets the evaluation time, in Unix seconds, or 0 when the answer had none.</summary>
    public double Timestamp { get; }

    /// <summary>Gets how many series (or scalars) the answer held.</summary>
    public int Series { get; }

    /// <summary>Gets Prometheus' <c>errorType</c> (for <see cref="PrometheusResultKind.Error"/>).</summary>
    public string? ErrorType { get; }

    /// <summary>Gets Prometheus' <c>error</c>, or what is wrong with the answer.</summary>
    public string? Error { get; }

    public static PrometheusInstantResult Of(PrometheusResultKind kind, double value, double timestamp, int series)
        => new(kind, value, timestamp, series, null, null);

    public static PrometheusInstantResult Failed(PrometheusResultKind kind, string? errorType, string error, int series = 0)
        => new(kind, double.NaN, 0, series, errorType, error);
}
