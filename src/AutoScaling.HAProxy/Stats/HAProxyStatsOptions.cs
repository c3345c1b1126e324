namespace AutoScaling.HAProxy;

/// <summary>
/// Options of <c>UseHAProxyStats</c>: one metric read from the runtime API's <c>show stat</c> for a backend, its
/// value from the backend's row and each instance's from its server's row. Named options keyed by group and metric.
/// </summary>
public sealed class HAProxyStatsOptions
{
    /// <summary>Gets or sets the runtime API's Unix socket path (<c>stats socket …</c>; <c>level user</c> is enough). Set this or <see cref="TcpEndpoint"/>.</summary>
    public string? SocketPath { get; set; }

    /// <summary>Gets or sets the runtime API's TCP endpoint as <c>ip:port</c>. Set this or <see cref="SocketPath"/>.</summary>
    public string? TcpEndpoint { get; set; }

    /// <summary>Gets or sets the backend whose statistics are read.</summary>
    public string Backend { get; set; } = string.Empty;

    /// <summary>Gets or sets which statistic the metric is; <see cref="HAProxyStatistic.RequestRate"/> by default.</summary>
    public HAProxyStatistic Statistic { get; set; } = HAProxyStatistic.RequestRate;

    /// <summary>Gets or sets how long one <c>show stat</c> exchange may take (100 ms to 1 min); below the group's <c>MetricTimeout</c>.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
