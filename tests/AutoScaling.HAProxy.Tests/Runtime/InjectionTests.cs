using System.Net;

namespace AutoScaling.HAProxy.Tests;

/// <summary>No input can add a second runtime API command: names and addresses are refused before anything is sent.</summary>
public sealed class InjectionTests(HAProxyFixture fixture) : IClassFixture<HAProxyFixture>
{
    public static TheoryData<string> BadNames => new()
    {
        "web;del server web/x",
        "web\nshow info",
        "web\n",
        "web\r\nshow info",
        "web show",
        "web/x",
        "",
        "wéb",
        new string('a', HAProxyNames.MaxLength + 1),
    };

    public static TheoryData<string> BadAddresses => new()
    {
        "127.0.0.1:80;shutdown sessions server web/x",
        "127.0.0.1:80\nshow info",
        "127.1:80",
        "1:80",
        "localhost:80",
        "example.com:80",
        "127.0.0.1",
        "127.0.0.1:0",
        "127.0.0.1:65536",
        "127.0.0.1:+80",
        "[::1%1]:80",
        "::1:80",
        "[::1]:80 check",
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Bad_names_are_refused_by_every_command(string bad)
    {
        var address = new IPEndPoint(IPAddress.Loopback, 8080);
        Assert.Throws<ArgumentException>(() => HAProxyCommand.SetState("web", bad, HAProxyAdminCommandState.Ready));
        Assert.Throws<ArgumentException>(() => HAProxyCommand.SetState(bad, "x", HAProxyAdminCommandState.Ready));
        Assert.Throws<ArgumentException>(() => HAProxyCommand.AddServer("web", bad, address, null));
        Assert.Throws<ArgumentException>(() => HAProxyCommand.DeleteServer("web", bad));
        Assert.Throws<ArgumentException>(() => HAProxyCommand.ShowServersState(bad));
        Assert.Throws<ArgumentException>(() => BackendChange.Add(bad, address));
        Assert.Throws<ArgumentException>(() => BackendChange.Remove(bad));
    }

    [Theory]
    [MemberData(nameof(BadAddresses))]
    public void Bad_addresses_are_refused(string bad)
    {
        Assert.False(HAProxyNames.TryParseEndPoint(bad, out _));
        var ex = Assert.Throws<ArgumentException>(() => HAProxyNames.ParseEndPoint(bad, "Address"));
        Assert.Contains("IP literal", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:19201", "127.0.0.1:19201")]
    [InlineData("[::1]:8080", "[::1]:8080")]
    [InlineData("198.51.100.7:1", "198.51.100.7:1")] // parsing only (a documentation address); nothing is sent
    public void Ip_literals_are_accepted(string text, string formatted)
        => Assert.Equal(formatted, HAProxyNames.Format(HAProxyNames.ParseEndPoint(text, "Address")));

    [Fact]
    public void Commands_are_built_only_from_validated_parts()
    {
        var check = new HAProxyCheckOptions { Interval = TimeSpan.FromMilliseconds(200), SlowStart = TimeSpan.FromSeconds(1) };
        Assert.Equal(
            "add server web/as-127.0.0.1-8080 127.0.0.1:8080 maxconn 8 check inter 200ms rise 1 fall 2 downinter 100ms slowstart 1000ms",
            HAProxyCommand.AddServer("web", "as-127.0.0.1-8080", new IPEndPoint(IPAddress.Loopback, 8080), check, 8).Text);
        Assert.Equal("add server web/v6 [::1]:8080", HAProxyCommand.AddServer("web", "v6", new IPEndPoint(IPAddress.IPv6Loopback, 8080), null).Text);
        Assert.Equal("set server slots/slot3 addr 0.0.0.0 port 0", HAProxyCommand.SetAddress("slots", "slot3", new IPEndPoint(IPAddress.Any, 0)).Text);
        Assert.Equal("show stat web 6 -1", HAProxyCommand.ShowStat("web").Text);
        Assert.Throws<ArgumentException>(() => HAProxyCommand.AddServer("web", "a", new IPEndPoint(IPAddress.Loopback, 1), new HAProxyCheckOptions { Rise = 0 }));
        Assert.Throws<ArgumentException>(() => HAProxyCommand.AddServer("web", "a", new IPEndPoint(IPAddress.Loopback, 1), new HAProxyCheckOptions { DownInterval = TimeSpan.FromMilliseconds(5) }));
    }

    [Fact]
    public async Task Refused_name_never_reaches_the_socket()
    {
        using var socket = new RecordingSocket();
        var client = new HAProxyRuntimeClient(HAProxyEndpoint.Unix(socket.Path), TimeSpan.FromSeconds(2));
        var options = new HAProxyPoolOptions { SocketPath = socket.Path, Backend = "web" };
        var pool = new HAProxyBackendPool(client, options);

        await Assert.ThrowsAsync<ArgumentException>(() => client.ExecuteAsync(HAProxyCommand.SetState("web", "x;del server web/y", HAProxyAdminCommandState.Ready), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => pool.ApplyAsync([BackendChange.Drain("x\nshutdown sessions server web/y")], CancellationToken.None));
        Assert.Throws<ArgumentException>(() => new HAProxyBackendPool(client, new HAProxyPoolOptions { SocketPath = socket.Path, Backend = "web;show info" }));

        Assert.Equal(0, await socket.ConnectionsBeforeProbeAsync());
    }

    [SkippableFact]
    public async Task Instance_with_an_injected_address_is_refused_before_haproxy_hears_of_it()
    {
        Tools.Require();
        using var socket = new RecordingSocket();
        var hostile = new ScalingInstance("hostile", "127.0.0.1:80\ndel server web/java-service-1", InstanceState.Active, DateTimeOffset.UnixEpoch);
        var options = new HAProxyBackendOptions { SocketPath = socket.Path, Backend = "web" };
        var router = new HAProxyBackendRouter(new HAProxyBackendPool(new HAProxyRuntimeClient(HAProxyEndpoint.Unix(socket.Path), TimeSpan.FromSeconds(2)), options), options);

        var ex = await Assert.ThrowsAsync<InstanceRouterException>(async () => await router.RegisterAsync([hostile], CancellationToken.None));

        Assert.Contains("not an IP literal", ex.Message, StringComparison.Ordinal);
        await Task.Delay(100);
        Assert.Equal(0, socket.Connections);

        // And the real haproxy, asked the same, still has nothing but what it had.
        var realOptions = new HAProxyBackendOptions { SocketPath = fixture.SocketPath, Backend = "web" };
        var real = new HAProxyBackendPool(fixture.HAProxy.Client(), realOptions);
        await Assert.ThrowsAsync<InstanceRouterException>(async () => await new HAProxyBackendRouter(real, realOptions).RegisterAsync([hostile], CancellationToken.None));
        Assert.Empty(await real.ListServersAsync(CancellationToken.None));
    }
}
