namespace AutoScaling.HAProxy.Tests;

/// <summary>One haproxy per test class: backend <c>web</c> (dynamic servers) and backend <c>slots</c> (<c>server-template slot 1-4</c>).</summary>
public sealed class HAProxyFixture : IAsyncLifetime
{
    private HAProxyProcess? _haproxy;

    internal HAProxyProcess HAProxy => _haproxy ?? throw new InvalidOperationException("haproxy is not available: " + (Skipped ?? "not started"));

    internal string? Skipped { get; private set; }

    public int WebPort => HAProxy.Frontends["web"];

    public int SlotsPort => HAProxy.Frontends["slots"];

    public string SocketPath => HAProxy.SocketPath;

    public async Task InitializeAsync()
    {
        if (Tools.HAProxy is null || Tools.Busybox is null)
        {
            Skipped = "haproxy or busybox is not installed (run: bash scripts/setup/haproxy.sh)";
            return;
        }

        _haproxy = await HAProxyProcess.StartAsync(new Dictionary<string, string>
        {
            ["web"] = string.Empty,
            ["slots"] = "server-template slot 1-4 0.0.0.0:0 disabled check inter 100ms rise 1 fall 2",
        });
    }

    public async Task DisposeAsync()
    {
        if (_haproxy is not null)
        {
            await _haproxy.DisposeAsync();
        }
    }
}
