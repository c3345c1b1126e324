using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Docker.Tests.Containers;

/// <summary>The container provider against a real dockerd: start, health, failures, ownership, adoption.</summary>
public sealed class DockerContainerProviderTests : IAsyncLifetime
{
    private const int First = 18140;
    private const int Last = 18159;
    private readonly string _group = DockerTestEnvironment.NewGroup("docker");
    private readonly List<string> _strangers = [];
    private readonly List<DockerContainerProvider> _providers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DockerTestEnvironment.RemoveAsync(_strangers);
        await DockerTestEnvironment.RemoveGroupAsync(_group);
        _providers.ForEach(p => p.Dispose());
    }

    [SkippableFact]
    public async Task Start_list_stop()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create();

        var started = await provider.ProvisionAsync(CancellationToken.None);
        Assert.Equal(InstanceState.Starting, started.State); // the provider does not wait: listing reports readiness
        var instance = await DockerTestEnvironment.WaitForStateAsync(provider, started.Id, InstanceState.Active);

        Assert.Equal($"127.0.0.1:{First}", instance.Address);
        Assert.Equal("ok", (await DockerTestEnvironment.GetAsync(instance.Address!)).Trim());
        var inspect = await DockerTestEnvironment.InspectRawAsync(instance.Id);
        Assert.NotNull(inspect);
        Assert.Equal("host", (string?)inspect["HostConfig"]!["NetworkMode"]);
        Assert.True((bool?)inspect["HostConfig"]!["Init"]);
        Assert.Equal(_group, (string?)inspect["Config"]!["Labels"]!["io.autoscaling.group"]);
        Assert.Equal(DockerTestEnvironment.Owner, (string?)inspect["Config"]!["Labels"]!["io.autoscaling.owner"]);
        Assert.Contains($"PORT={First}", inspect["Config"]!["Env"]!.AsArray().Select(e => (string?)e));

        var listed = Assert.Single(await provider.ListAsync(CancellationToken.None));
        Assert.Equal(instance.Id, listed.Id);
        Assert.Equal(InstanceState.Active, listed.State);
        Assert.Equal(First.ToString(System.Globalization.CultureInfo.InvariantCulture), listed.Metadata["port"]);

        await provider.DecommissionAsync(listed, CancellationToken.None);

        Assert.Null(await DockerTestEnvironment.InspectRawAsync(instance.Id));
        Assert.Empty(await provider.ListAsync(CancellationToken.None));
        var again = await provider.ProvisionAsync(CancellationToken.None);
        Assert.Equal($"127.0.0.1:{First + 1}", again.Address); // ports are handed out in turn: a port just given up is not taken again at once
    }

    [SkippableFact]
    public async Task Concurrent_provisioning_uses_distinct_ports()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create();

        var all = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DockerTestEnvironment.ProvisionUntilAsync(provider)));

        Assert.Equal(4, all.Select(i => i.Address).Distinct().Count());
        Assert.Equal(4, (await provider.ListAsync(CancellationToken.None)).Count);
    }

    [SkippableFact]
    public async Task Listed_active_only_once_docker_health_passes()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create(o =>
        {
            o.Probe = ReadinessProbeKind.None;
            o.HealthCheck = new DockerHealthCheckOptions
            {
                Test = ["CMD", "/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:{port}/"],
                Interval = TimeSpan.FromMilliseconds(300),
                Timeout = TimeSpan.FromSeconds(1),
                Retries = 3,
            };
        });

        var instance = await provider.ProvisionAsync(CancellationToken.None);
        var first = Assert.Single(await provider.ListAsync(CancellationToken.None));
        Assert.Equal(InstanceState.Starting, first.State);
        Assert.Contains("Docker health status is 'starting'", first.FailureReason, StringComparison.Ordinal);

        await DockerTestEnvironment.WaitForStateAsync(provider, instance.Id, InstanceState.Active);
        var inspect = await DockerTestEnvironment.InspectRawAsync(instance.Id);
        Assert.Equal("healthy", (string?)inspect!["State"]!["Health"]!["Status"]);
    }

    [SkippableFact]
    public async Task A_container_whose_health_stays_starting_is_listed_starting_with_the_reason()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create(o =>
        {
            o.Probe = ReadinessProbeKind.None;
            o.HealthCheck = new DockerHealthCheckOptions
            {
                Test = ["CMD", "/bin/busybox", "false"],
                Interval = TimeSpan.FromMilliseconds(200),
                Retries = 1000, // stays "starting": only the controller's start deadline ends it
            };
        });

        var instance = await provider.ProvisionAsync(CancellationToken.None);
        await Task.Delay(1000);
        var listed = Assert.Single(await provider.ListAsync(CancellationToken.None));

        Assert.Equal((instance.Id, InstanceState.Starting), (listed.Id, listed.State));
        Assert.Contains("starting", listed.FailureReason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Unhealthy_container_is_listed_failed_with_the_health_output()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create(o => o.HealthCheck = new DockerHealthCheckOptions { Test = ["CMD", "/bin/busybox", "false"], Interval = TimeSpan.FromMilliseconds(200), Retries = 1 });

        var failed = await DockerTestEnvironment.ProvisionUntilAsync(provider, InstanceState.Failed);

        Assert.Contains("health check failing", failed.FailureReason, StringComparison.Ordinal);
        await provider.DecommissionAsync(failed, CancellationToken.None);
        Assert.Empty(await DockerTestEnvironment.ContainersOfGroupAsync(_group));
    }

    [SkippableFact]
    public async Task Http_probe_failing_is_listed_starting_with_the_status()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create(o => o.ProbePath = "/cgi-bin/fail");

        var instance = await provider.ProvisionAsync(CancellationToken.None);
        ScalingInstance? listed = null;
        for (var i = 0; i < 100 && listed?.FailureReason?.Contains("answered 500", StringComparison.Ordinal) != true; i++)
        {
            await Task.Delay(50);
            listed = Assert.Single(await provider.ListAsync(CancellationToken.None));
        }

        Assert.Equal((instance.Id, InstanceState.Starting), (listed!.Id, listed.State));
        Assert.Contains("answered 500", listed.FailureReason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Exiting_container_is_listed_failed_with_its_exit_code()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create(o => o.Command = ["sh", "-c", "exit 3"]);

        var failed = await DockerTestEnvironment.ProvisionUntilAsync(provider, InstanceState.Failed);

        Assert.Contains("exited with code 3", failed.FailureReason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Missing_image_is_a_clear_error_and_leaves_nothing()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create(o => o.Image = "autoscaling-missing-image:nope");

        var error = await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ProvisionAsync(CancellationToken.None));

        Assert.Contains("No such image: autoscaling-missing-image:nope", error.Message, StringComparison.Ordinal);
        var docker = Assert.IsType<DockerApiException>(error.InnerException);
        Assert.Equal(DockerErrorKind.ImageNotFound, docker.Kind);
        Assert.Equal(HttpStatusCode.NotFound, docker.StatusCode);
        Assert.Empty(await DockerTestEnvironment.ContainersOfGroupAsync(_group));
    }

    [SkippableFact]
    public async Task Port_in_use_on_the_host_is_skipped()
    {
        await DockerTestEnvironment.RequireAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, First);
        squatter.Start();
        var provider = Create();

        var instance = await DockerTestEnvironment.ProvisionUntilAsync(provider);

        Assert.Equal($"127.0.0.1:{First + 1}", instance.Address);
        Assert.Equal("ok", (await DockerTestEnvironment.GetAsync(instance.Address!)).Trim());
    }

    [SkippableFact]
    public async Task Whole_range_in_use_is_a_clear_error()
    {
        await DockerTestEnvironment.RequireAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, First);
        squatter.Start();
        var provider = Create(o => o.PortRangeEnd = First);

        var error = await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ProvisionAsync(CancellationToken.None));

        Assert.Contains($"no free port in {First}-{First}", error.Message, StringComparison.Ordinal);
        Assert.Empty(await DockerTestEnvironment.ContainersOfGroupAsync(_group));
    }

    [SkippableFact]
    public async Task Foreign_containers_are_never_touched()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create();

        // Same name as our first instance would get, but no labels; and one with our group label but another owner.
        var lookalike = await Stranger($"autoscaling-{_group}-{First}", null);
        var otherOwner = await Stranger($"other-{_group}", new() { ["io.autoscaling.group"] = _group, ["io.autoscaling.owner"] = "someone-else", ["io.autoscaling.port"] = "18150" });

        var instance = await provider.ProvisionAsync(CancellationToken.None);
        var listed = await provider.ListAsync(CancellationToken.None);

        Assert.Equal($"127.0.0.1:{First + 1}", instance.Address); // the name of port First is taken by the stranger
        Assert.Equal([instance.Id], listed.Select(i => i.Id));
        foreach (var stranger in new[] { lookalike, otherOwner })
        {
            var asInstance = new ScalingInstance(stranger, "127.0.0.1:1", InstanceState.Active, DateTimeOffset.UnixEpoch);
            await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.DecommissionAsync(asInstance, CancellationToken.None));
            var inspect = await DockerTestEnvironment.InspectRawAsync(stranger);
            Assert.NotNull(inspect);
            Assert.Equal("running", (string?)inspect["State"]!["Status"]);
        }
    }

    [SkippableFact]
    public async Task New_host_adopts_running_containers_and_their_ports()
    {
        await DockerTestEnvironment.RequireAsync();
        var before = Create();
        var a = await DockerTestEnvironment.ProvisionUntilAsync(before);
        var b = await DockerTestEnvironment.ProvisionUntilAsync(before);
        before.Dispose(); // the host process "restarts": nothing is kept but the containers

        var after = Create();
        var adopted = await after.ListAsync(CancellationToken.None);

        Assert.Equal(new[] { a.Address, b.Address }.Order(), adopted.Select(i => i.Address).Order());
        Assert.All(adopted, i => Assert.Equal(InstanceState.Active, i.State));
        var c = await after.ProvisionAsync(CancellationToken.None);
        Assert.Equal($"127.0.0.1:{First + 2}", c.Address); // knows the adopted ports
        await after.DecommissionAsync(adopted.Single(i => i.Id == a.Id), CancellationToken.None);
        Assert.Equal(new[] { b.Id, c.Id }.Order(), (await after.ListAsync(CancellationToken.None)).Select(i => i.Id).Order());
    }

    [SkippableFact]
    public async Task Crashed_container_is_listed_failed_and_can_be_decommissioned()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create();
        var instance = await DockerTestEnvironment.ProvisionUntilAsync(provider);

        await DockerTestEnvironment.Raw.SendAsync(HttpMethod.Post, $"/containers/{instance.Id}/kill", null);
        var failed = await DockerTestEnvironment.WaitForStateAsync(provider, instance.Id, InstanceState.Failed);

        Assert.Contains("exited with code", failed.FailureReason, StringComparison.Ordinal);
        await provider.DecommissionAsync(failed, CancellationToken.None);
        Assert.Empty(await DockerTestEnvironment.ContainersOfGroupAsync(_group));
    }

    [SkippableFact]
    public async Task Cancelled_provisioning_leaves_nothing()
    {
        await DockerTestEnvironment.RequireAsync();
        var provider = Create();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await provider.ProvisionAsync(cts.Token));

        Assert.Empty(await DockerTestEnvironment.ContainersOfGroupAsync(_group));
    }

    [SkippableFact]
    public async Task Daemon_cut_mid_operation_surfaces_and_leaves_no_orphan()
    {
        await DockerTestEnvironment.RequireAsync();
        await using var proxy = new DockerSocketProxy();
        var provider = Create(o => o.DockerHost = proxy.Host);
        await provider.ListAsync(CancellationToken.None); // negotiated and connected

        // The daemon goes away after the container is created, before it is started.
        proxy.CutWhen(request => request.Contains("/start ", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ProvisionAsync(CancellationToken.None));
        Assert.Contains("unavailable", error.Message, StringComparison.Ordinal);
        Assert.Equal(DockerErrorKind.Unavailable, Assert.IsType<DockerApiException>(error.InnerException).Kind);
        Assert.Equal(1, proxy.Cuts);
        var orphan = Assert.Single(await DockerTestEnvironment.ContainersOfGroupAsync(_group)); // created, not removable while cut
        await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ListAsync(CancellationToken.None));

        proxy.Restore();
        var listed = await provider.ListAsync(CancellationToken.None);

        Assert.Empty(listed);
        Assert.Null(await DockerTestEnvironment.InspectRawAsync(orphan));
        await DockerTestEnvironment.ProvisionUntilAsync(provider);
    }

    private DockerContainerProvider Create(Action<DockerContainerOptions>? change = null)
    {
        var provider = new DockerContainerProvider(_group, DockerTestEnvironment.HttpdOptions(First, Last, change));
        _providers.Add(provider);
        return provider;
    }

    private async Task<string> Stranger(string name, Dictionary<string, string>? labels)
    {
        var id = await DockerTestEnvironment.CreateStrangerAsync(name, labels, start: true);
        _strangers.Add(id);
        return id;
    }
}
