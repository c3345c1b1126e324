namespace AutoScaling.Prometheus;

/// <summary>Options of a metric's history read from Prometheus once at start: a range query over <see cref="Lookback"/> at <see cref="Step"/>.</summary>
/// <remarks>The query may use the <c>{group}</c> and <c>{metric}</c> placeholders, as in <see cref="PrometheusQueryOptions.Query"/>.</remarks>
public sealed class PrometheusHistoryOptions
{
    /// <summary>The most points one series of a range query may have: Prometheus' own limit.</summary>
    public const int MaxPointsLimit = 11_000;

    /// <summary>Gets or sets the Prometheus server's base address; <c>http://127.0.0.1:9090/</c> by default. Absolute, <c>http</c> or <c>https</c>, without user info.</summary>
    public Uri? Server { get; set; } = PrometheusQueryOptions.DefaultServer;

    /// <summary>Gets or sets the PromQL query whose past values are the metric's history (usually the metric's own query). Required.</summary>
    public string? Query { get; set; }

    /// <summary>Gets or sets how a result of several series becomes one value; by default several series are an error.</summary>
    public PrometheusAggregation Aggregation { get; set; } = PrometheusAggregation.None;

    /// <summary>Gets or sets how far back the history reaches. Positive; default 7 days.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the resolution of the history. At least 1 second; default 5 minutes.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the most points loaded: <see cref="Lookback"/> / <see cref="Step"/> may not exceed it. From 1 to 11,000; default 11,000.</summary>
    public int MaxPoints { get; set; } = MaxPointsLimit;

    /// <summary>Gets or sets how long the range query may take. Positive, at most 5 minutes; default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the user name for HTTP basic authentication; requires <see cref="Password"/>. As <see cref="PrometheusQueryOptions.Username"/>.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the password for HTTP basic authentication. Never logged nor put in error messages.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets a bearer token sent as <c>Authorization: Bearer …</c>; not together with basic authentication. Never logged.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Gets or sets the path of a PEM file of CA certificates trusted for the server's certificate (instead of the system's store).</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>Gets or sets a value indicating whether any server certificate is accepted. For tests only: it disables TLS server authentication.</summary>
    public bool AllowUntrustedCertificates { get; set; }

    /// <summary>
    /// The options of the range query itself, checked and run as an instant query's (<see cref="PrometheusMetricSource"/>
    /// over the shared client of its server): the credentials and TLS settings take the same path.
    /// </summary>
    internal PrometheusQueryOptions ToQueryOptions() => new()
    {
        Server = Server,
        Query = Query,
        Aggregation = Aggregation,
        Timeout = Timeout,
        Username = Username,
        Password = Password,
        BearerToken = BearerToken,
        CaCertificatePath = CaCertificatePath,
        AllowUntrustedCertificates = AllowUntrustedCertificates,
    };
}
