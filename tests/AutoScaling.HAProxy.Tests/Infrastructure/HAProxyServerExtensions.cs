using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The library's runtime client for a test haproxy.</summary>
internal static class HAProxyServerExtensions
{
    public static HAProxyRuntimeClient Client(this HAProxyServer haproxy) => new(HAProxyEndpoint.Unix(haproxy.SocketPath), TimeSpan.FromSeconds(5));
}
