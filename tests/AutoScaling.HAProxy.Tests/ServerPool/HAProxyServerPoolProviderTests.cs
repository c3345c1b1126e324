namespace AutoScaling.HAProxy.Tests;

/// <summary>The server pool's own behaviour: declared order in, LIFO out, routed, config servers kept in maintenance.</summary>
public sealed class HAProxyServerPoolProviderTests(HAProxyFixture fixture) : IClassFixture<HAProxyFixture>
{
    [SkippableFact]
    public async Task Servers_are_enabled_in_order_routed_and_drained_newest_first()
    {
        Tools.Require();
        var options = HAProxyServerPoolContractTests.Options(fixture);
        var pool = new HAProxyBackendPool(fixture.HAProxy.Client(), options);
        var provider = new HAProxyServerPoolInstanceProvider(pool, options);

        var started = new List<ScalingInstance>();
        for (var i = 0; i < 5; i++)
        {
            started.Add(await provider.ProvisionAsync(CancellationToken.None));
        }

        Assert.Equal(["java-service-1", "java-service-2", "java-service-3", "java-service-4", "java-service-5"], started.Select(s => s.Id));
        await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ProvisionAsync(CancellationToken.None));
        await Http.UntilAsync(async () => (await provider.ListAsync(CancellationToken.None)).All(i => i.State == InstanceState.Active), "all five active");

        var answered = new HashSet<string>();
        for (var i = 0; i < 10; i++)
        {
            answered.Add((await Http.GetAsync(fixture.PoolPort)).Body);
        }

        Assert.Equal(5, answered.Count);

        // LIFO: the newest goes first; the core's NewestFirst order picks it by CreatedAt.
        var listed = await provider.ListAsync(CancellationToken.None);
        var newest = listed.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).First();
        Assert.Equal("java-service-5", newest.Id);
        foreach (var instance in listed.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal))
        {
            await provider.DecommissionAsync(instance, CancellationToken.None);
        }

        Assert.Empty(await provider.ListAsync(CancellationToken.None));
        var servers = await pool.ListServersAsync(CancellationToken.None);
        Assert.All(servers, s => Assert.True(s.IsInMaintenance, s.Name));
        Assert.Equal(5, servers.Count);
        Assert.Equal(503, (await Http.GetAsync(fixture.PoolPort)).Status);
    }
}
