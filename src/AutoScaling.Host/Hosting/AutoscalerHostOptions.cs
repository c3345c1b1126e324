namespace AutoScaling.Host.Hosting;

/// <summary>The <c>Host</c> section: where the autoscaler serves its metrics, health checks and control API.</summary>
internal sealed class AutoscalerHostOptions
{
    /// <summary>The section's name.</summary>
    public const string Section = "Host";

    /// <summary>Gets or sets the URLs Kestrel listens on, separated by <c>;</c>. Loopback by default.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:9470";

    /// <summary>Gets or sets the path of the Prometheus metrics endpoint; empty to serve none.</summary>
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>Gets or sets the path of the health checks (one per group); empty to serve none.</summary>
    public string HealthPath { get; set; } = "/health";

    /// <summary>Gets the control API's settings.</summary>
    public ControlApiSettings ControlApi { get; } = new();
}

/// <summary>The <c>Host:ControlApi</c> section. The API requires a key unless <see cref="AllowAnonymous"/> is set.</summary>
internal sealed class ControlApiSettings
{
    /// <summary>Gets or sets a value indicating whether the control API (and the dashboard) is served.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the API's route prefix.</summary>
    public string Prefix { get; set; } = "/autoscaling";

    /// <summary>Gets or sets the dashboard's path; empty to serve none.</summary>
    public string DashboardPath { get; set; } = "/autoscaling/ui";

    /// <summary>Gets or sets the key (header <c>X-Api-Key</c>) that may read: status, events, the stream, the dashboard.</summary>
    public string? ReaderKey { get; set; }

    /// <summary>Gets or sets the key that may read and write: scale, pause, resume, evaluate.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>Gets or sets a value indicating whether the API is open to anyone (local use only; a warning is logged).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets how long scale and evaluate requests wait before answering 202 Accepted.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets a value indicating whether a key is configured.</summary>
    public bool HasKeys => !string.IsNullOrEmpty(ReaderKey) || !string.IsNullOrEmpty(OperatorKey);
}
