using AutoScaling.Testing;
namespace AutoScaling.HAProxy.Tests;

/// <summary>
/// What the router does to HAProxy's traffic, seen through the frontend: requests reach a server only after its first good
/// check, a drained server takes no new request, a deregistered one is gone; slots are taken and given back; a server
/// left in maintenance is taken back; an address that is not an IP literal changes nothing.
/// </summary>
public sealed class HAProxyBackendRouterTests(HAProxyFixture fixture) : IClassFixture<HAProxyFixture>, IDisposable
{
    private readonly BusyboxHost _instances = new(TestPorts.Range);

    public void Dispose() => _instances.Dispose();

    [SkippableFact]
    public async Task Requests_reach_routed_servers_and_stop_at_drain_and_deregister()
    {
        Tools.Require();
        var router = Router(Options());
        var a = await StartAsync();
        var b = await StartAsync();

        await router.RegisterAsync([a, b], CancellationToken.None);
        await UntilStateAsync(router, a, RouteState.Routed);
        await UntilStateAsync(router, b, RouteState.Routed);
        var seen = (await BodiesAsync(fixture.WebPort, 6)).Distinct().ToList();
        Assert.Equal(2, seen.Count);
        Assert.Contains(a.Id, seen);
        Assert.Contains(b.Id, seen);

        var routes = await router.ListAsync(CancellationToken.None);
        var leaving = routes.Single(r => r.Address == a.Address);
        Assert.Equal(new HAProxyBackendRouter(Pool(Options()), Options()).ServerNameFor(HAProxyNames.ParseEndPoint(a.Address!, "a")), leaving.Name);
        await router.DrainAsync([leaving], CancellationToken.None);

        Assert.True((await router.ListAsync(CancellationToken.None)).Single(r => r.Address == a.Address).State is RouteState.Draining or RouteState.Maintenance);
        Assert.All(await BodiesAsync(fixture.WebPort, 10), body => Assert.Equal(b.Id, body)); // no new request to the drained one

        await router.DeregisterAsync([leaving], CancellationToken.None);
        Assert.DoesNotContain(await Pool(Options()).ListServersAsync(CancellationToken.None), s => s.Name == leaving.Name);
        Assert.All(await BodiesAsync(fixture.WebPort, 4), body => Assert.Equal(b.Id, body));

        await router.DeregisterAsync(await router.ListAsync(CancellationToken.None), CancellationToken.None);
        Assert.Empty(await Pool(Options()).ListServersAsync(CancellationToken.None));
        Assert.Equal(503, (await Http.GetAsync(fixture.WebPort)).Status);
    }

    [SkippableFact]
    public async Task Registration_is_pending_until_the_first_good_check()
    {
        Tools.Require();
        var router = Router(Options());
        var port = TestPorts.Next(); // nothing listens yet: HAProxy's checks fail (connection refused)
        var instance = new ScalingInstance("late", $"127.0.0.1:{port}", InstanceState.Active, DateTimeOffset.UtcNow);
        try
        {
            await router.RegisterAsync([instance], CancellationToken.None);
            await Task.Delay(500); // several check intervals
            var pending = Assert.Single(await router.ListAsync(CancellationToken.None));
            Assert.Equal(RouteState.Pending, pending.State);
            Assert.False(string.IsNullOrEmpty(pending.Detail));
            Assert.Equal(503, (await Http.GetAsync(fixture.WebPort)).Status);

            using var late = await BusyboxBackend.StartAsync("late", port);
            await UntilStateAsync(router, instance, RouteState.Routed);
            Assert.Equal((200, "late"), await Http.GetAsync(fixture.WebPort));
        }
        finally
        {
            await router.DeregisterAsync(await router.ListAsync(CancellationToken.None), CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task First_check_of_a_new_server_comes_at_the_down_interval_not_the_check_interval()
    {
        // A new server starts down; without downinter HAProxy's first check waits one whole inter (here an hour).
        Tools.Require();
        var router = Router(Options(o => o.Check.Interval = TimeSpan.FromHours(1)));
        var instance = await StartAsync();
        try
        {
            await router.RegisterAsync([instance], CancellationToken.None);
            await UntilStateAsync(router, instance, RouteState.Routed);
            Assert.Equal((200, instance.Id), await Http.GetAsync(fixture.WebPort));
        }
        finally
        {
            await router.DeregisterAsync(await router.ListAsync(CancellationToken.None), CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task Server_left_in_maintenance_is_taken_back_by_register()
    {
        Tools.Require();
        var options = Options();
        var router = Router(options);
        var instance = await StartAsync();
        await router.RegisterAsync([instance], CancellationToken.None);
        var route = await UntilStateAsync(router, instance, RouteState.Routed);

        // A host stopped between 'state maint' and 'del server': the server stays, in maintenance.
        await Pool(options).ApplyOrThrowAsync([BackendChange.Disable(route.Name)], CancellationToken.None);
        Assert.Equal(RouteState.Maintenance, (await router.ListAsync(CancellationToken.None)).Single().State);

        await Router(Options()).RegisterAsync([instance], CancellationToken.None);

        var back = await UntilStateAsync(router, instance, RouteState.Routed);
        Assert.Equal(route.Name, back.Name);
        Assert.Equal((200, instance.Id), await Http.GetAsync(fixture.WebPort));
        await router.DeregisterAsync([back], CancellationToken.None);
    }

    [SkippableFact]
    public async Task Slot_mode_takes_a_free_slot_and_gives_it_back()
    {
        Tools.Require();
        var options = Options(o => { o.Backend = "slots"; o.ServerNamePrefix = "slot"; o.UseSlots = true; });
        var router = Router(options);
        var freeBefore = (await Pool(options).ListServersAsync(CancellationToken.None)).Count(s => s.IsFreeSlot);
        var instance = await StartAsync();

        await router.RegisterAsync([instance], CancellationToken.None);

        var route = await UntilStateAsync(router, instance, RouteState.Routed);
        Assert.Matches("^slot[1-4]$", route.Name);
        Assert.Equal((200, instance.Id), await Http.GetAsync(fixture.SlotsPort));
        Assert.Equal(freeBefore - 1, (await Pool(options).ListServersAsync(CancellationToken.None)).Count(s => s.IsFreeSlot));

        await router.DrainAsync([route], CancellationToken.None);
        await router.DeregisterAsync([route], CancellationToken.None);

        var slot = (await Pool(options).ListServersAsync(CancellationToken.None)).Single(s => s.Name == route.Name);
        Assert.True(slot.IsFreeSlot, $"{slot.Name} is at {slot.Endpoint}, admin {slot.Admin}");
        Assert.Empty(await router.ListAsync(CancellationToken.None));
        Assert.Equal(503, (await Http.GetAsync(fixture.SlotsPort)).Status);
    }

    [SkippableTheory]
    [InlineData("web-host:8080")]
    [InlineData("127.1:8080")]
    [InlineData("127.0.0.1:80\ndel server web/manual-1")]
    [InlineData("127.0.0.1")]
    public async Task Address_that_is_not_an_ip_literal_is_refused_and_nothing_changes(string address)
    {
        Tools.Require();
        var router = Router(Options());
        var good = await StartAsync();
        var bad = new ScalingInstance("hostile", address, InstanceState.Active, DateTimeOffset.UtcNow);
        var before = await Pool(Options()).ListServersAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InstanceRouterException>(async () => await router.RegisterAsync([good, bad], CancellationToken.None));

        Assert.Contains("'hostile'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not an IP literal and a port", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before.Select(s => s.Name), (await Pool(Options()).ListServersAsync(CancellationToken.None)).Select(s => s.Name));
        Assert.Empty(await router.ListAsync(CancellationToken.None));
    }

    private HAProxyBackendOptions Options(Action<HAProxyBackendOptions>? configure = null)
    {
        var options = new HAProxyBackendOptions { SocketPath = fixture.SocketPath, Backend = "web", DrainTimeout = TimeSpan.FromSeconds(5) };
        options.Check.Interval = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(options);
        return options;
    }

    private HAProxyBackendPool Pool(HAProxyPoolOptions options) => new(fixture.HAProxy.Client(), options);

    private HAProxyBackendRouter Router(HAProxyBackendOptions options) => new(Pool(options), options);

    private async Task<ScalingInstance> StartAsync()
    {
        var (id, backend) = await _instances.StartAsync();
        return new ScalingInstance(id, backend.Address, InstanceState.Active, DateTimeOffset.UtcNow);
    }

    private static async Task<List<string>> BodiesAsync(int port, int count)
    {
        var bodies = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var (status, body) = await Http.GetAsync(port);
            Assert.Equal(200, status);
            bodies.Add(body);
        }

        return bodies;
    }

    private static async Task<RouteRegistration> UntilStateAsync(HAProxyBackendRouter router, ScalingInstance instance, RouteState state)
    {
        RouteRegistration? found = null;
        await Http.UntilAsync(
            async () =>
            {
                found = (await router.ListAsync(CancellationToken.None)).FirstOrDefault(r => r.Address == instance.Address);
                return found?.State == state;
            },
            $"{instance.Address} {state}");
        return found!;
    }
}
