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

    /// <summary>
    /// Sends <paramref name="count"/> requests through the frontend, one after another, checks each is served, and waits
    /// until haproxy has counted them all: it adds a request to <c>req_tot</c> when the stream ends, which can be after
    /// the client has the whole response (a read in between saw 3 of 4 requests: CI).
    /// </summary>
    internal async Task SendAsync(int count, string path = "/")
    {
        var before = await RequestsCountedAsync();
        for (var i = 0; i < count; i++)
        {
            var (status, _) = await Http.GetAsync(Port, path);
            Assert.Equal(200, status);
        }

        await WaitCountedAsync(before, count);
    }

    /// <summary>Waits until haproxy has counted <paramref name="count"/> requests more than <paramref name="before"/>.</summary>
    internal Task WaitCountedAsync((long Backend, long Servers) before, int count) => Http.UntilAsync(
        async () => await RequestsCountedAsync() is var now && now.Backend >= before.Backend + count && now.Servers >= before.Servers + count,
        $"haproxy counting {count} requests (before: {before})");

    /// <summary>The <c>req_tot</c> of backend <c>stats</c> and the sum of its servers', from <c>show stat</c>.</summary>
    internal async Task<(long Backend, long Servers)> RequestsCountedAsync()
    {
        var lines = (await HAProxy.CommandAsync("show stat")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var column = Array.IndexOf(header, "req_tot");
        long backend = 0, servers = 0;
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')).Where(f => f.Length > column && f[0] == "stats"))
        {
            var value = long.TryParse(fields[column], System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
            if (fields[1] == "BACKEND")
            {
                backend = value;
            }
            else if (fields[1] != "FRONTEND")
            {
                servers += value;
            }
        }

        return (backend, servers);
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
