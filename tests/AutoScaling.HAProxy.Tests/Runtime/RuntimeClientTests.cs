using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The runtime API client against a real haproxy: framing, strict replies, and a clear error when haproxy is not there.</summary>
public sealed class RuntimeClientTests(HAProxyFixture fixture, ITestOutputHelper output) : IClassFixture<HAProxyFixture>
{
    [Fact]
    public async Task HAProxy_not_running_is_a_clear_error_naming_the_socket()
    {
        var path = Path.Combine(Path.GetTempPath(), $"as-haproxy-missing-{Guid.NewGuid():N}.sock");
        var client = new HAProxyRuntimeClient(HAProxyEndpoint.Unix(path), TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<HAProxyRuntimeException>(() => client.ExecuteAsync(HAProxyCommand.ShowServersState("web"), CancellationToken.None));

        output.WriteLine(ex.Message);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not reachable", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InstanceProviderException>(ex);
    }

    [Fact]
    public async Task Stale_socket_file_of_a_stopped_haproxy_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("as-haproxy-stale-").FullName;
        try
        {
            var path = Path.Combine(dir, "haproxy.sock");
            // A bound socket that does not listen: the file exists, connecting is refused, as after haproxy crashed.
            using var stale = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            stale.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

            var client = new HAProxyRuntimeClient(HAProxyEndpoint.Unix(path), TimeSpan.FromSeconds(2));
            var ex = await Assert.ThrowsAsync<HAProxyRuntimeException>(() => client.ExecuteAsync(HAProxyCommand.ShowStat("web"), CancellationToken.None));

            output.WriteLine(ex.Message);
            Assert.Contains($"unix socket '{path}' is not reachable (connection refused: nothing listens there)", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Provider_over_a_stopped_haproxy_fails_with_the_socket_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"as-haproxy-missing-{Guid.NewGuid():N}.sock");
        var options = new HAProxyServerPoolOptions { SocketPath = path, Backend = "pool" };
        options.Servers.Add(new HAProxyPoolServer { Name = "java-service-1", Address = "127.0.0.1:8080" });
        var provider = new HAProxyServerPoolInstanceProvider(new HAProxyBackendPool(new HAProxyRuntimeClient(options.CreateEndpoint(), TimeSpan.FromSeconds(2)), options), options);

        var ex = await Assert.ThrowsAnyAsync<InstanceProviderException>(async () => await provider.ListAsync(CancellationToken.None));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Unknown_backend_and_server_are_errors_in_haproxys_words()
    {
        Tools.Require();
        var client = fixture.HAProxy.Client();

        var ex = await Assert.ThrowsAsync<HAProxyRuntimeException>(() => client.ExecuteAsync(HAProxyCommand.ShowServersState("nope"), CancellationToken.None));
        Assert.Equal("Can't find backend.", ex.Reply);
        ex = await Assert.ThrowsAsync<HAProxyRuntimeException>(() => client.ExecuteAsync(HAProxyCommand.SetState("web", "nope", HAProxyAdminCommandState.Ready), CancellationToken.None));
        Assert.Equal("No such server.", ex.Reply);
        Assert.Contains("No such server.", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Prompt_mode_frames_replies_with_and_without_a_blank_line()
    {
        Tools.Require();
        var client = fixture.HAProxy.Client();
        var address = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1);

        var replies = await client.ExecuteAllAsync(
            [
                HAProxyCommand.AddServer("web", "as-framing", address, null),
                HAProxyCommand.ShowServersState("web"),
                HAProxyCommand.DeleteServer("web", "as-framing"),
                HAProxyCommand.ShowStat("web"),
            ],
            CancellationToken.None);

        Assert.Equal("New server registered.", replies[0]);
        Assert.Contains(HAProxyReplyParser.ParseServersState(replies[1]), s => s.Name == "as-framing" && s.Endpoint == "127.0.0.1:1" && s.IsInMaintenance);
        Assert.Equal("Server deleted.", replies[2]);
        Assert.DoesNotContain(HAProxyReplyParser.ParseStat(replies[3]), s => s.Name == "as-framing");
    }

    [SkippableFact]
    public async Task Tcp_endpoint_works_like_the_unix_socket()
    {
        Tools.Require();
        var port = TestPorts.Next();
        await using var haproxy = await HAProxyServer.StartAsync(new Dictionary<string, string> { ["web"] = string.Empty }, _ => TestPorts.Next(), $"stats socket ipv4@127.0.0.1:{port} level admin");
        var client = new HAProxyRuntimeClient(HAProxyEndpoint.TcpEndpoint($"127.0.0.1:{port}"), TimeSpan.FromSeconds(2));

        var reply = await client.ExecuteAsync(HAProxyCommand.ShowServersState("web"), CancellationToken.None);

        Assert.Empty(HAProxyReplyParser.ParseServersState(reply));
    }

    [Fact]
    public void Prompt_split_handles_replies_without_a_blank_line()
    {
        var raw = "\n> \n> No such server.\n\n> Server deleted.\n> New server registered.\n\n> ";
        Assert.Equal(["", "No such server.", "Server deleted.", "New server registered."], HAProxyRuntimeClient.SplitPrompted(raw, 4)!);
        Assert.Null(HAProxyRuntimeClient.SplitPrompted("\n> Server deleted.\n", 2));
    }

    [Theory]
    [InlineData("IP changed from '0.0.0.0' to '127.0.0.1', port changed from '+0' to '19402' by 'stats socket command'", true)]
    [InlineData("IP changed from '127.0.0.1' to '::1', no need to change the port by 'stats socket command'", true)]
    [InlineData("no need to change the addr, no need to change the port by 'stats socket command'", true)]
    [InlineData("Invalid addr '127.0.0.1x' by 'stats socket command'", false)]
    [InlineData("IP changed from '0.0.0.0' to '127.0.0.1', but a problem occurred", false)]
    [InlineData("No such server.", false)]
    public void Address_reply_is_success_only_when_known(string reply, bool success)
        => Assert.Equal(success, HAProxyReplies.IsSuccess(HAProxyReplyKind.AddressChanged, reply));

    [Fact]
    public void Servers_state_and_stat_are_mapped_by_header()
    {
        var state = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord\n"
            + "3 be 1 slot1 0.0.0.0 0 5 1 1 88 1 0 0 14 0 0 0 - 0 -\n3 be 4 as-1 127.0.0.1 2 8 1 1 85 6 3 2 6 0 0 0 - 19401 -\n";
        var servers = HAProxyReplyParser.ParseServersState(state);
        Assert.Equal(2, servers.Count);
        Assert.True(servers[0].IsFreeSlot);
        Assert.True(servers[0].HasCheck);
        Assert.Equal(("as-1", "127.0.0.1:19401", HAProxyOperationalState.Running, true, 85L), (servers[1].Name, servers[1].Endpoint, servers[1].Operational, servers[1].IsDraining, servers[1].SecondsSinceLastChange));

        var stat = "# pxname,svname,status,qcur,scur,weight,type,req_tot,check_status,\nbe,as-1,UP,0,3,1,2,42,L4OK,\nbe,BACKEND,UP,0,3,1,1,42,,\n";
        var row = Assert.Single(HAProxyReplyParser.ParseStat(stat));
        Assert.Equal(("as-1", 3L, 0L, "UP", 42L, "L4OK"), (row.Name, row.CurrentSessions, row.CurrentQueue, row.Status, row.TotalRequests, row.CheckStatus));
        Assert.Throws<FormatException>(() => HAProxyReplyParser.ParseStat("Unknown command"));
        Assert.Throws<FormatException>(() => HAProxyReplyParser.ParseServersState("Can't find backend."));
    }
}
