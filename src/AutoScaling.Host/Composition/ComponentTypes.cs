namespace AutoScaling.Host.Composition;

/// <summary>
/// Every <c>Type</c> the host knows, one entry each: metric sources (<c>Metrics:{name}</c>), instance providers
/// (<c>Instances</c>) and routers (<c>Router</c>). Policies are Core's own (<c>Policies</c>, bound by
/// <c>AddScalingGroup(name, section)</c>).
/// </summary>
internal static class ComponentTypes
{
    /// <summary>Gets the metric source types, for <c>Metrics:{name}:Type</c>.</summary>
    public static IReadOnlyList<ComponentType> Metrics { get; } =
    [
        new("Prometheus", static (g, metric, s) => g.UsePrometheusMetric(metric, s)),
        new("NginxStubStatus", static (g, metric, s) => g.UseNginxStubStatus(metric, s)),
        new("HAProxyStats", static (g, metric, s) => g.UseHAProxyStats(metric, s)),
        new("DockerStats", static (g, metric, s) => g.UseDockerStats(metric, s)),
        new("InMemory", static (g, metric, s) => g.UseConfiguredMetric(metric, s)),
    ];

    /// <summary>Gets the instance provider types, for <c>Instances:Type</c>.</summary>
    public static IReadOnlyList<ComponentType> Instances { get; } =
    [
        new("Docker", static (g, _, s) => g.UseDockerContainers(s)),
        new("DockerSwarm", static (g, _, s) => g.UseDockerSwarmService(s)),
        new("HAProxyServerPool", static (g, _, s) => g.UseHAProxyServerPool(s)),
        new("Processes", static (g, _, s) => g.UseProcessInstances(s)),
        new("InMemory", static (g, _, s) => g.UseConfiguredInMemoryInstances(s)),
    ];

    /// <summary>Gets the router types, for <c>Router:Type</c>.</summary>
    public static IReadOnlyList<ComponentType> Routers { get; } =
    [
        new("HAProxy", static (g, _, s) => g.UseHAProxyBackend(s)),
        new("Nginx", static (g, _, s) => g.UseNginxUpstream(s)),
    ];
}
