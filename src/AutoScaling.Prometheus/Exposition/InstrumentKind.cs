using System.Diagnostics.Metrics;

namespace AutoScaling.Prometheus;

/// <summary>How an instrument's measurements aggregate, and which Prometheus type it becomes.</summary>
internal enum InstrumentKind : byte
{
    /// <summary><see cref="Counter{T}"/>: measurements add up; a Prometheus counter.</summary>
    Counter,

    /// <summary><see cref="UpDownCounter{T}"/>: measurements add up; a gauge.</summary>
    UpDownCounter,

    /// <summary><see cref="Gauge{T}"/>: the last measurement; a gauge.</summary>
    Gauge,

    /// <summary><see cref="Histogram{T}"/>: buckets, sum and count; a histogram.</summary>
    Histogram,

    /// <summary><see cref="ObservableCounter{T}"/>: the observed total; a counter.</summary>
    ObservableCounter,

    /// <summary><see cref="ObservableUpDownCounter{T}"/>: the observed value; a gauge.</summary>
    ObservableUpDownCounter,

    /// <summary><see cref="ObservableGauge{T}"/>: the observed value; a gauge.</summary>
    ObservableGauge,
}

internal static class InstrumentKinds
{
    public static InstrumentKind? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? InstrumentKind.Counter
            : definition == typeof(UpDownCounter<>) ? InstrumentKind.UpDownCounter
            : definition == typeof(Gauge<>) ? InstrumentKind.Gauge
            : definition == typeof(Histogram<>) ? InstrumentKind.Histogram
            : definition == typeof(ObservableCounter<>) ? InstrumentKind.ObservableCounter
            : definition == typeof(ObservableUpDownCounter<>) ? InstrumentKind.ObservableUpDownCounter
            : definition == typeof(ObservableGauge<>) ? InstrumentKind.ObservableGauge
            : null;
    }

    public static bool IsCounter(this InstrumentKind kind) => kind is InstrumentKind.Counter or InstrumentKind.ObservableCounter;

    public static bool IsObservable(this InstrumentKind kind) => kind >= InstrumentKind.ObservableCounter;

    public static string PrometheusType(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Counter or InstrumentKind.ObservableCounter => "counter",
        InstrumentKind.Histogram => "histogram",
        _ => "gauge",
    };

    /// <summary>Gets the bucket bounds the instrument advises (<c>InstrumentAdvice.HistogramBucketBoundaries</c>), if any.</summary>
    public static double[]? AdvisedBuckets(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };
}
