namespace AutoScaling.Prometheus;

/// <summary>Options of the exposition of the autoscaler's own metrics in the Prometheus text format.</summary>
public sealed class PrometheusExporterOptions
{
    /// <summary>The meter the autoscaler records on.</summary>
    public const string AutoScalingMeterName = "AutoScaling";

    /// <summary>The default <see cref="Url"/>.</summary>
    public const string DefaultUrl = "http://127.0.0.1:9464/metrics";

    /// <summary>Gets the default histogram bucket bounds, for durations in seconds (5 ms to 5 minutes).</summary>
    public static IReadOnlyList<double> DefaultHistogramBuckets { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    /// <summary>Gets the names of the meters to expose; when empty, <c>AutoScaling</c> alone.</summary>
    /// <remarks>Empty by default so that configuration binding replaces rather than appends to the default.</remarks>
    public IList<string> MeterNames { get; } = [];

    /// <summary>
    /// Gets or sets where the small built-in HTTP listener serves the metrics (<c>AddAutoScalingPrometheusExporter</c>):
    /// <c>http://HOST:PORT/PATH</c>, HOST an IP address, a name, <c>+</c> or <c>*</c>. Only GET and HEAD on PATH are answered.
    /// </summary>
    public string Url { get; set; } = DefaultUrl;

    /// <summary>
    /// Gets the upper bounds of histogram buckets, strictly increasing and finite, for histograms whose instrument gives
    /// no bucket advice; when empty, <see cref="DefaultHistogramBuckets"/>.
    /// </summary>
    public IList<double> HistogramBuckets { get; } = [];
}
