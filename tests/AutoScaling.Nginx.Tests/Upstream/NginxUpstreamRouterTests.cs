using AutoScaling.Testing;

namespace AutoScaling.Nginx.Tests;

/// <summary>What the NGINX router does beyond the shared contract: rollback, restart, the user's files, injection.</summary>
public sealed class NginxUpstreamRouterTests(NginxFixture fixture) : IClassFixture<NginxFixture>, IAsyncLifetime
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ResetAsync();

    [SkippableFact]
    public async Task A_change_nginx_refuses_is_rolled_back_with_its_message_and_the_old_set_keeps_serving()
    {
        NginxFixture.Require();
        var router = fixture.Router();
        var (_, backend) = await fixture.Instances.StartAsync();
        await router.RegisterAsync([Instance("a", backend.Address)], CancellationToken.None);
        var before = await File.ReadAllTextAsync(fixture.OwnedFile);
        var master = int.Parse(await File.ReadAllTextAsync(fixture.Nginx.PidFile), System.Globalization.CultureInfo.InvariantCulture);
        var workers = NginxWorkers.Of(master).Where(w => !w.ShuttingDown).ToList(); // an old worker of the last reload may exit meanwhile

        // A well-formed address NGINX cannot resolve: nginx -t says "host not found in upstream".
        var ex = await Assert.ThrowsAsync<InstanceRouterException>(() => router.RegisterAsync([Instance("b", "no-such-host.invalid:80")], CancellationToken.None).AsTask());

        Assert.Contains("host not found in upstream", ex.Message, StringComparison.Ordinal);
        Assert.Contains("restored", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(fixture.OwnedFile));
        Assert.False(File.Exists(fixture.OwnedFile + ".tmp"));
        Assert.Equal(workers, NginxWorkers.Of(master).Where(w => !w.ShuttingDown)); // nginx -t refused it: no reload, the same workers serve
        Assert.Equal([backend.Address], (await router.ListAsync(CancellationToken.None)).Select(r => r.Address));
        Assert.Equal(backend.Name, await GetAsync("/"));
    }

    [SkippableFact]
    public async Task Servers_in_the_owned_file_are_taken_back_after_the_host_and_nginx_restart()
    {
        NginxFixture.Require();
        var (_, one) = await fixture.Instances.StartAsync();
        var (_, two) = await fixture.Instances.StartAsync();
        var first = fixture.Router();
        await first.RegisterAsync([Instance("one", one.Address), Instance("two", two.Address)], CancellationToken.None);
        await first.DrainAsync([(await first.ListAsync(CancellationToken.None))[1]], CancellationToken.None);

        await fixture.Nginx.RestartAsync(fixture.Port);
        var adopted = await fixture.Router().ListAsync(CancellationToken.None);

        Assert.Equal([(one.Address, RouteState.Routed), (two.Address, RouteState.Maintenance)], adopted.Select(r => (r.Address, r.State)));
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(one.Name, await GetAsync("/")); // two is down: every request goes to one
        }
    }

    [SkippableFact]
    public async Task The_users_files_are_never_written()
    {
        NginxFixture.Require();
        var main = await File.ReadAllBytesAsync(fixture.Nginx.ConfigurationPath);
        var user = await File.ReadAllBytesAsync(fixture.UserFile);
        var router = fixture.Router();
        var (_, backend) = await fixture.Instances.StartAsync();

        await router.RegisterAsync([Instance("a", backend.Address)], CancellationToken.None);
        var listed = await router.ListAsync(CancellationToken.None);
        await router.DrainAsync(listed, CancellationToken.None);
        await router.DeregisterAsync(listed, CancellationToken.None);

        Assert.Equal(main, await File.ReadAllBytesAsync(fixture.Nginx.ConfigurationPath));
        Assert.Equal(user, await File.ReadAllBytesAsync(fixture.UserFile));
    }

    [SkippableTheory]
    [InlineData("127.0.0.1:80; server 127.0.0.9:80")]
    [InlineData("127.0.0.1:80 backup")]
    [InlineData("127.0.0.1:80}\nserver {")]
    [InlineData("127.0.0.1:80#")]
    [InlineData("'127.0.0.1':80")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    public async Task An_address_that_could_inject_configuration_is_refused_and_nothing_is_written(string address)
    {
        NginxFixture.Require();
        var before = await File.ReadAllTextAsync(fixture.OwnedFile);
        var written = File.GetLastWriteTimeUtc(fixture.OwnedFile);

        var ex = await Assert.ThrowsAsync<InstanceRouterException>(() => fixture.Router().RegisterAsync([Instance("evil", address)], CancellationToken.None).AsTask());

        Assert.Contains(ValidationMessages.Quote(address), ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", ex.Message, StringComparison.Ordinal);
        Assert.Equal((before, written), (await File.ReadAllTextAsync(fixture.OwnedFile), File.GetLastWriteTimeUtc(fixture.OwnedFile)));
    }

    private static ScalingInstance Instance(string id, string address) => new(id, address, InstanceState.Active, DateTimeOffset.UtcNow);

    private async Task<string> GetAsync(string path)
        => (await s_http.GetStringAsync(new Uri($"http://127.0.0.1:{fixture.Port}{path}"))).Trim();
}
