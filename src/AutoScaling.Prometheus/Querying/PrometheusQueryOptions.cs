namespace AutoScaling.Prometheus;

/// <summary>Options of a <see cref="PrometheusMetricSource"/>: the server, the PromQL query and how to read its result.</summary>
/// <remarks>
/// The query may use placeholders, replaced on every read: <c>{group}</c> (the group's name, escaped for use inside a
/// PromQL string literal, as in <c>{proxy="{group}"}</c>), <c>{metric}</c> (the metric's name, escaped the same way)
/// and <c>{instances}</c> (the group's current instance count, a decimal integer). Other braces are left as they are.
/// </remarks>
public sealed class PrometheusQueryOptions
{
    /// <summary>The default <see cref="Timeout"/>: 4 s, below the group's default <c>MetricTimeout</c> (5 s), so a slow server yields this source's own message.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(4);

    /// <summary>The default <see cref="Server"/>: Prometheus' default port on the loopback address.</summary>
    public static readonly Uri DefaultServer = new("http://127.0.0.1:9090/");

    /// <summary>Gets or sets the Prometheus server's base address; <c>http://127.0.0.1:9090/</c> by default. Absolute, <c>http</c> or <c>https</c>, without user info; may end with a path prefix.</summary>
    public Uri? Server { get; set; } = DefaultServer;

    /// <summary>Gets or sets the PromQL query; may use the <c>{group}</c>, <c>{metric}</c> and <c>{instances}</c> placeholders.</summary>
    public string? Query { get; set; }

    /// <summary>
    /// Gets or sets a PromQL query that returns one series per instance, such as
    /// <c>sum by (instance) (rate(http_requests_total{job="web"}[30s]))</c>: its <see cref="InstanceLabel"/> holds the
    /// instance's address (<c>127.0.0.1:18101</c>). Setting it gives policies per-instance samples (an instance without a
    /// series is missing, never zero). Same placeholders as <see cref="Query"/>; optional.
    /// </summary>
    public string? InstanceQuery { get; set; }

    /// <summary>Gets or sets the label of <see cref="InstanceQuery"/>'s series that holds the instance's address; <c>instance</c> by default.</summary>
    public string InstanceLabel { get; set; } = "instance";

    /// <summary>Gets or sets how long a query may take, in total (connect, evaluate, read). Positive, at most 5 minutes.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Gets or sets how a result of several series becomes one value; by default several series are an error.</summary>
    public PrometheusAggregation Aggregation { get; set; } = PrometheusAggregation.None;

    /// <summary>Gets or sets the user name for HTTP basic authentication; requires <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the password for HTTP basic authentication. Never logged nor put in error messages.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets a bearer token sent as <c>Authorization: Bearer …</c>; not together with basic authentication. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Gets or sets the path of a PEM file of CA certificates trusted for the server's certificate (instead of the system's store).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Gets or sets a value indicating whether any server certificate is accepted. For tests only: it disables TLS server authentication.</summary>
    public bool AllowUntrustedCertificates { get; set; }
}
