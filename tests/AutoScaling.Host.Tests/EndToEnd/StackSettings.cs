namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>Where the group's <c>rps</c> metric comes from in an end-to-end stack.</summary>
internal enum RpsSource
{
    /// <summary><c>Type: InMemory</c>: the value in the config file (the test edits it; the autoscaler reloads the file).</summary>
    InMemory,

    /// <summary><c>Type: HAProxyStats</c>: backend <c>web</c>'s request rate from haproxy's runtime API.</summary>
    HAProxyStats,

    /// <summary><c>Type: Prometheus</c>: a real prometheus scraping haproxy's exporter every second.</summary>
    Prometheus,
}

/// <summary>
/// One end-to-end stack: the test's block of 20 ports of 17100-17199 (the first 15 for its containers, the next 4 for
/// haproxy's frontend and exporter, the autoscaler and prometheus, so that no other suite's listener can take them),
/// the metric, and how containers start.
/// </summary>
/// <param name="Block">The first port of the test's block.</param>
/// <param name="Rps">Where the metric comes from.</param>
internal sealed record StackSettings(int Block, RpsSource Rps)
{
    /// <summary>Gets the first container port.</summary>
    public int FirstPort => Block;

    /// <summary>Gets the last container port.</summary>
    public int LastPort => Block + 14;

    /// <summary>Gets haproxy's frontend port. The listeners' ports are fixed: the block is the test's alone, and each of these programs binds over connections of an earlier run still in TIME_WAIT.</summary>
    public int FrontendPort => Block + 15;

    /// <summary>Gets haproxy's Prometheus exporter port.</summary>
    public int ExporterPort => Block + 16;

    /// <summary>Gets the autoscaler's port (health, metrics, control API).</summary>
    public int AutoscalerPort => Block + 17;

    /// <summary>Gets prometheus' port.</summary>
    public int PrometheusPort => Block + 18;

    /// <summary>Gets the in-memory metric's first value.</summary>
    public double InitialRps { get; init; } = 10;

    /// <summary>Gets the group's minimum.</summary>
    public int MinInstances { get; init; } = 1;

    /// <summary>Gets the rate one instance is meant to serve.</summary>
    public int TargetPerInstance { get; init; } = 10;

    /// <summary>Gets how long a container sleeps before httpd listens: a window in which it is started but not ready (0: none).</summary>
    public int StartDelaySeconds { get; init; }

    /// <summary>Gets extra lines of backend <c>web</c> in haproxy's config (a foreign server).</summary>
    public string BackendLines { get; init; } = string.Empty;
}
