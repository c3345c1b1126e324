using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>A haproxy with backend <c>stats</c> of two busybox servers (<c>s1</c>, <c>s2</c>, round robin), for the stats source.</summary>
public sealed class StatsFixture : IAsyncLifetime
{
    private readonly List<BusyboxBackend> _backends = [];
    private HAProxyServer? _haproxy;

    internal HAProxyServer HAProxy => _haproxy ?? throw new InvalidOperationException("haproxy or busybox is not installed");

    internal IReadOnlyList<BusyboxBackend> Backends => _backends;

    internal int Port => HAProxy.Frontends["stats"];

    public async Task InitializeAsync()
    {
        if (Tools.HAProxy is null || Tools.Busybox is null)
        {
            return;
        }

        for (var i = 1; i <= 2; i++)
        {
            _backends.Add(await BusyboxBackend.StartAsync($"s{i}", TestPorts.Next()));
        }

        _haproxy = await HAProxyServer.StartAsync(
            new Dictionary<string, string> { ["stats"] = string.Join('\n', _backends.Select(b => $"server {b.Name} {b.Address}")) },
            _ => TestPorts.Next());
    }

    /// <summary>Creates a source of the backend on a clock the test drives.</summary>
    internal HAProxyStatsSource Source(HAProxyStatistic statistic, TimeProvider time, string backend = "stats")
        => new(new HAProxyStatsReaders(time).Get(new HAProxyStatsOptions { SocketPath = HAProxy.SocketPath, Backend = backend }), statistic, time);

    /// <summary>Sends <paramref name="count"/> requests through the frontend, one after another, and checks each is served.</summary>
    internal async Task SendAsync(int count, string path = "/")
    {
        for (var i = 0; i < count; i++)
        {
            var (status, _) = await Http.GetAsync(Port, path);
            Assert.Equal(200, status);
        }
    }

    public async Task DisposeAsync()
    {
        if (_haproxy is not null)
        {
            await _haproxy.DisposeAsync();
        }

        foreach (var backend in _backends)
        {
            backend.Dispose();
        }
    }
}
