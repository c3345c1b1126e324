using System.Net;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The decorator's own behaviour: routing, adoption by prefix, HAProxy's view of the state, nothing left behind.</summary>
public sealed class HAProxyBackendProviderTests(HAProxyFixture fixture) : IClassFixture<HAProxyFixture>
{
    private HAProxyBackendOptions Options(Action<HAProxyBackendOptions>? configure = null)
    {
        var options = new HAProxyBackendOptions { SocketPath = fixture.SocketPath, Backend = "web", DrainTimeout = TimeSpan.FromSeconds(5), ActiveTimeout = TimeSpan.FromSeconds(10) };
        options.Check.Interval = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(options);
        return options;
    }

    private HAProxyBackendInstanceProvider Provider(HAProxyBackendOptions options, IInstanceProvider? inner = null)
        => new(inner ?? new BusyboxInstanceProvider(fixture.Instances), Pool(options), options);

    private HAProxyBackendPool Pool(HAProxyPoolOptions options) => new(fixture.HAProxy.Client(), options);

    [SkippableFact]
    public async Task Scale_out_routes_requests_and_scale_in_stops_them()
    {
        Tools.Require();
        var options = Options();
        var provider = Provider(options);

        var instance = await provider.ProvisionAsync(CancellationToken.None);

        Assert.Equal(InstanceState.Active, instance.State);
        Assert.Equal(provider.ServerNameFor(HAProxyNames.ParseEndPoint(instance.Address, "a")), instance.Metadata[HAProxyBackendInstanceProvider.ServerMetadataKey]);
        var (status, body) = await Http.GetAsync(fixture.WebPort);
        Assert.Equal((200, instance.Id), (status, body));

        await provider.DecommissionAsync(instance, CancellationToken.None);

        Assert.DoesNotContain(await provider.ListAsync(CancellationToken.None), i => i.Id == instance.Id);
        Assert.DoesNotContain(await Pool(options).ListServersAsync(CancellationToken.None), s => s.Name.StartsWith("as-", StringComparison.Ordinal));
        Assert.False(fixture.Instances.Running.ContainsKey(instance.Id));
        Assert.Equal(503, (await Http.GetAsync(fixture.WebPort)).Status);
    }

    [SkippableFact]
    public async Task Adoption_takes_back_prefixed_servers_and_leaves_the_others_alone()
    {
        Tools.Require();
        var options = Options();
        var pool = Pool(options);
        using var foreign = await BusyboxBackend.StartAsync("foreign");
        await pool.ApplyOrThrowAsync([BackendChange.Add("manual-1", foreign.EndPoint)], CancellationToken.None);
        try
        {
            var first = Provider(options);
            var instance = await first.ProvisionAsync(CancellationToken.None);

            var restarted = Provider(Options());
            var listed = await restarted.ListAsync(CancellationToken.None);

            var adopted = Assert.Single(listed);
            Assert.Equal((instance.Id, InstanceState.Active), (adopted.Id, adopted.State));
            Assert.Equal(instance.Metadata[HAProxyBackendInstanceProvider.ServerMetadataKey], adopted.Metadata[HAProxyBackendInstanceProvider.ServerMetadataKey]);

            await restarted.DecommissionAsync(adopted, CancellationToken.None);
            var servers = await pool.ListServersAsync(CancellationToken.None);
            var left = Assert.Single(servers);
            Assert.Equal(("manual-1", foreign.Address, false), (left.Name, left.Endpoint, left.IsInMaintenance));
        }
        finally
        {
            await pool.ApplyOrThrowAsync([BackendChange.Remove("manual-1")], CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task Instance_is_starting_until_its_first_good_check_and_draining_while_it_drains()
    {
        Tools.Require();
        var options = Options(o => o.WaitUntilRouted = false);
        var inner = new DeafInstanceProvider();
        var provider = Provider(options, inner);
        var pool = Pool(options);

        // The inner provider says active, but nothing answers yet: HAProxy's check fails, so it is Starting.
        var instance = await provider.ProvisionAsync(CancellationToken.None);
        Assert.Equal(InstanceState.Starting, instance.State);
        await Task.Delay(500); // several check intervals
        Assert.Equal(InstanceState.Starting, (await provider.ListAsync(CancellationToken.None)).Single().State);
        Assert.Equal(503, (await Http.GetAsync(fixture.WebPort)).Status);

        // Now the backend answers: the first good check makes it Active and routed.
        using var late = await BusyboxBackend.StartAsync("late", inner.Port);
        await Http.UntilAsync(async () => (await provider.ListAsync(CancellationToken.None)).Single().State == InstanceState.Active, "the first good check");
        Assert.Equal("late", (await Http.GetAsync(fixture.WebPort)).Body);

        var server = instance.Metadata[HAProxyBackendInstanceProvider.ServerMetadataKey];
        await pool.ApplyOrThrowAsync([BackendChange.Drain(server)], CancellationToken.None);
        Assert.Equal(InstanceState.Draining, (await provider.ListAsync(CancellationToken.None)).Single().State);

        await provider.DecommissionAsync(instance, CancellationToken.None);
        Assert.Empty(await provider.ListAsync(CancellationToken.None));
        Assert.Empty(await pool.ListServersAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Instance_that_never_passes_a_check_is_not_left_behind()
    {
        Tools.Require();
        var options = Options(o => o.ActiveTimeout = TimeSpan.FromSeconds(1));
        var inner = new DeafInstanceProvider();
        var provider = Provider(options, inner);

        var ex = await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ProvisionAsync(CancellationToken.None));

        Assert.Contains("did not pass a health check", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Pool(options).ListServersAsync(CancellationToken.None));
        Assert.True(inner.Decommissioned);
    }

    [SkippableFact]
    public async Task Unregistered_active_instance_is_listed_failed()
    {
        Tools.Require();
        var host = new BusyboxHost();
        try
        {
            var inner = new BusyboxInstanceProvider(host);
            var stray = await inner.ProvisionAsync(CancellationToken.None);
            var provider = Provider(Options(), inner);

            var listed = Assert.Single(await provider.ListAsync(CancellationToken.None));

            Assert.Equal((stray.Id, InstanceState.Failed), (listed.Id, listed.State));
            Assert.Contains("not registered in HAProxy backend 'web'", listed.FailureReason, StringComparison.Ordinal);
        }
        finally
        {
            host.Dispose();
        }
    }

    [SkippableFact]
    public async Task Server_left_in_maintenance_by_a_stopped_host_is_taken_back()
    {
        Tools.Require();
        var options = Options();
        var pool = Pool(options);
        var host = new BusyboxHost();
        try
        {
            var inner = new BusyboxInstanceProvider(host);
            var provider = Provider(options, inner);

            // A host stopped between 'state maint' and 'del server': the server stays, in maintenance.
            var first = await provider.ProvisionAsync(CancellationToken.None);
            var server = first.Metadata[HAProxyBackendInstanceProvider.ServerMetadataKey];
            await pool.ApplyOrThrowAsync([BackendChange.Disable(server)], CancellationToken.None);
            Assert.Equal(InstanceState.Failed, (await provider.ListAsync(CancellationToken.None)).Single().State);
            await inner.DecommissionAsync(first, CancellationToken.None);

            // A new instance on the same address (port reused) takes the server back instead of failing on its name.
            using var reused = await BusyboxBackend.StartAsync("reused", HAProxyNames.ParseEndPoint(first.Address, "a").Port);
            host.Running["reused"] = (reused, DateTimeOffset.UtcNow);
            var again = new HAProxyBackendInstanceProvider(new ReusingProvider(host, "reused"), pool, options);
            var instance = await again.ProvisionAsync(CancellationToken.None);

            Assert.Equal((server, InstanceState.Active), (instance.Metadata[HAProxyBackendInstanceProvider.ServerMetadataKey], instance.State));
            Assert.Equal("reused", (await Http.GetAsync(fixture.WebPort)).Body);
            host.Running.TryRemove("reused", out _);
            await pool.ApplyOrThrowAsync([BackendChange.Remove(server)], CancellationToken.None);
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>Hands out an already running busybox instance (a port reused by a new instance).</summary>
    private sealed class ReusingProvider(BusyboxHost host, string id) : IInstanceProvider
    {
        private readonly BusyboxInstanceProvider _list = new(host);

        public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken) => _list.ListAsync(cancellationToken);

        public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
            => ValueTask.FromResult(new ScalingInstance(id, host.Running[id].Backend.Address, InstanceState.Starting, DateTimeOffset.UtcNow));

        public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken) => _list.DecommissionAsync(instance, cancellationToken);
    }

    /// <summary>A real port that accepts nothing: the inner provider says active, HAProxy's check fails (connection refused).</summary>
    private sealed class DeafInstanceProvider : IInstanceProvider
    {
        private ScalingInstance? _instance;

        public int Port { get; } = TestPorts.Next();

        public bool Decommissioned { get; private set; }

        public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<ScalingInstance>>(_instance is null ? [] : [_instance]);

        public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
        {
            _instance = new ScalingInstance("deaf", new IPEndPoint(IPAddress.Loopback, Port).ToString(), InstanceState.Active, DateTimeOffset.UnixEpoch);
            return ValueTask.FromResult(_instance);
        }

        public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
        {
            Decommissioned = true;
            _instance = null;
            return ValueTask.CompletedTask;
        }
    }
}
