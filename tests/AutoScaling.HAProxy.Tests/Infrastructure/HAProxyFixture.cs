using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>
/// One haproxy per test class, with backend <c>web</c> (dynamic servers), backend <c>slots</c>
/// (<c>server-template slot 1-4</c>) and backend <c>pool</c> (java-service-1..3 declared <c>disabled</c>; 4 and 5 absent),
/// plus five busybox httpd backends for the pool's addresses and a host of busybox instances for inner providers.
/// </summary>
public sealed class HAProxyFixture : IAsyncLifetime
{
    private readonly List<BusyboxBackend> _poolBackends = [];
    private HAProxyServer? _haproxy;

    internal HAProxyServer HAProxy => _haproxy ?? throw new InvalidOperationException("haproxy is not available: haproxy or busybox is not installed");

    internal BusyboxHost Instances { get; } = new(TestPorts.Range);

    /// <summary>Gets the pool's servers: name and address.</summary>
    internal IReadOnlyList<(string Name, string Address)> PoolServers { get; private set; } = [];

    public int WebPort => HAProxy.Frontends["web"];

    public int SlotsPort => HAProxy.Frontends["slots"];

    public int PoolPort => HAProxy.Frontends["pool"];

    public string SocketPath => HAProxy.SocketPath;

    public async Task InitializeAsync()
    {
        if (Tools.HAProxy is null || Tools.Busybox is null)
        {
            return;
        }

        var servers = new List<(string, string)>();
        for (var i = 1; i <= 5; i++)
        {
            var backend = await BusyboxBackend.StartAsync($"java-service-{i}", TestPorts.Next());
            _poolBackends.Add(backend);
            servers.Add(($"java-service-{i}", backend.Address));
        }

        PoolServers = servers;
        var declared = string.Join('\n', servers.Take(3).Select(s => $"server {s.Item1} {s.Item2} disabled check inter 100ms rise 1 fall 2"));
        _haproxy = await HAProxyServer.StartAsync(new Dictionary<string, string>
        {
            ["web"] = string.Empty,
            ["slots"] = "server-template slot 1-4 0.0.0.0:0 disabled check inter 100ms rise 1 fall 2",
            ["pool"] = declared,
        },
        _ => TestPorts.Next());
    }

    public async Task DisposeAsync()
    {
        if (_haproxy is not null)
        {
            await _haproxy.DisposeAsync();
        }

        Instances.Dispose();
        foreach (var backend in _poolBackends)
        {
            backend.Dispose();
        }
    }
}
