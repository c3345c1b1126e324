using System.Text.Json.Nodes;
using AutoScaling.Testing;

namespace AutoScaling.Docker.Tests.Swarm;

/// <summary>The swarm provider against a real single-node swarm: scale up and down, version conflicts, errors.</summary>
[Collection(SwarmTests.Name)]
public sealed class DockerSwarmServiceProviderTests(SwarmFixture swarm) : IAsyncLifetime
{
    private const int BasePort = 18460;
    private readonly List<DockerSwarmServiceProvider> _providers = [];
    private string? _service;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await SwarmFixture.RemoveServiceAsync(_service);
        }

        _providers.ForEach(p => p.Dispose());
    }

    [SkippableFact]
    public async Task Scale_up_and_down_follows_the_slots()
    {
        var provider = await CreateAsync();

        var one = await provider.ProvisionAsync(CancellationToken.None);
        var two = await provider.ProvisionAsync(CancellationToken.None);
        var three = await provider.ProvisionAsync(CancellationToken.None);

        Assert.Equal(3UL, (await SwarmFixture.ReadAsync(_service!)).Replicas);
        Assert.Equal([$"{_service}.1", $"{_service}.2", $"{_service}.3"], new[] { one.Id, two.Id, three.Id });
        Assert.Equal($"127.0.0.1:{BasePort + 2}", two.Address);
        var active = await WaitAllActiveAsync(provider, 3);
        foreach (var instance in active)
        {
            Assert.Equal("ok", (await DockerTestEnvironment.GetEventuallyAsync(instance.Address!)).Trim());
        }

        await provider.DecommissionAsync(active.Single(i => i.Id == two.Id), CancellationToken.None);

        Assert.Equal(2UL, (await SwarmFixture.ReadAsync(_service!)).Replicas);
        Assert.Equal([one.Id, three.Id], (await provider.ListAsync(CancellationToken.None)).Select(i => i.Id));
        var again = await provider.ProvisionAsync(CancellationToken.None);
        Assert.Equal(two.Id, again.Id); // Swarm fills the lowest free slot
    }

    [SkippableFact]
    public async Task Scaling_changes_only_the_replicas_and_restarts_no_task()
    {
        var provider = await CreateAsync();
        await provider.ProvisionAsync(CancellationToken.None);
        await provider.ProvisionAsync(CancellationToken.None);
        var running = await RunningTasksAsync(2);
        var before = await SwarmFixture.Raw.GetObjectAsync("/services/" + _service);

        await provider.ProvisionAsync(CancellationToken.None);
        await WaitAllActiveAsync(provider, 3);
        var after = await SwarmFixture.Raw.GetObjectAsync("/services/" + _service);

        // The daemon's own view of the spec (raw JSON, not the client's models): equal but for Replicas 2 -> 3.
        Assert.Equal(2, (int)before!["Spec"]!["Mode"]!["Replicated"]!["Replicas"]!);
        Assert.Equal(3, (int)after!["Spec"]!["Mode"]!["Replicated"]!["Replicas"]!);
        after["Spec"]!["Mode"]!["Replicated"]!["Replicas"] = 2;
        Assert.Equal(before["Spec"]!.ToJsonString(), after["Spec"]!.ToJsonString());
        Assert.True((ulong)after["Version"]!["Index"]! > (ulong)before["Version"]!["Index"]!);

        // The two tasks that ran still run, in the same containers: nothing was restarted or replaced.
        var now = await RunningTasksAsync(3);
        foreach (var (task, container) in running)
        {
            Assert.True(now.TryGetValue(task, out var still), $"task {task} no longer runs");
            Assert.Equal(container, still);
        }
    }

    [SkippableFact]
    public async Task Crashing_task_is_listed_failed_with_swarms_error_and_can_be_removed()
    {
        var provider = await CreateAsync(script: "exit 3");

        var instance = await provider.ProvisionAsync(CancellationToken.None);
        ScalingInstance? failed = null;
        for (var i = 0; i < 150 && failed is null; i++)
        {
            failed = (await provider.ListAsync(CancellationToken.None)).SingleOrDefault(x => x.Id == instance.Id && x.State == InstanceState.Failed);
            await Task.Delay(100);
        }

        Assert.NotNull(failed);
        Assert.Contains("non-zero exit (3)", failed.FailureReason, StringComparison.Ordinal);
        await provider.DecommissionAsync(failed, CancellationToken.None);
        Assert.Empty(await provider.ListAsync(CancellationToken.None));
        Assert.Equal(0UL, (await SwarmFixture.ReadAsync(_service!)).Replicas);
    }

    [SkippableFact]
    public async Task Version_conflict_is_retried_with_the_new_version()
    {
        var provider = await CreateAsync();
        var calls = 0;
        provider.BeforeUpdate = async (attempt, ct) =>
        {
            calls++;
            if (attempt == 0)
            {
                // Someone else updates the service between our read and our write: our version index is now stale.
                var service = await SwarmFixture.Client.InspectServiceAsync(_service!, ct);
                var spec = service.Spec!;
                spec.Labels["changed-by"] = "someone-else";
                await SwarmFixture.Client.UpdateServiceAsync(service.ID, service.Version!.Index!.Value, spec, ct);
            }
        };

        var instance = await provider.ProvisionAsync(CancellationToken.None);

        Assert.Equal(2, calls);
        Assert.Equal(1UL, (await SwarmFixture.ReadAsync(_service!)).Replicas);
        var service = await SwarmFixture.Client.InspectServiceAsync(_service!, CancellationToken.None);
        Assert.Equal("someone-else", service.Spec!.Labels["changed-by"]); // their change was kept
        Assert.Equal($"{_service}.1", instance.Id);
    }

    [SkippableFact]
    public async Task Stale_version_is_a_typed_conflict()
    {
        var provider = await CreateAsync();
        var service = await SwarmFixture.Client.InspectServiceAsync(_service!, CancellationToken.None);
        var stale = service.Version!.Index!.Value;
        await provider.ProvisionAsync(CancellationToken.None); // moves the version on

        var error = await Assert.ThrowsAsync<DockerApiException>(() => SwarmFixture.Client.UpdateServiceAsync(service.ID, stale, service.Spec!, CancellationToken.None));

        Assert.Equal(DockerErrorKind.VersionConflict, error.Kind);
        Assert.Contains("update out of sequence", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Without_a_swarm_the_error_says_not_a_swarm_manager()
    {
        await RequireAsync();
        Skip.If(swarm.KindBeforeInit is null, "a swarm was already active before the tests");
        Assert.Equal(DockerErrorKind.NotSwarmManager, swarm.KindBeforeInit);
    }

    [SkippableFact]
    public async Task Missing_service_and_limits_are_clear_errors()
    {
        var provider = await CreateAsync(maxReplicas: 1);
        await provider.ProvisionAsync(CancellationToken.None);

        var over = await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ProvisionAsync(CancellationToken.None));
        Assert.Contains("outside 0..1 (MaxReplicas)", over.Message, StringComparison.Ordinal);

        using var missing = new DockerSwarmServiceProvider("g", new DockerSwarmServiceOptions { DockerHost = DockerTestEnvironment.Socket, Service = "autoscaling-no-such-service", BasePort = 18490 });
        var error = await Assert.ThrowsAsync<InstanceProviderException>(async () => await missing.ProvisionAsync(CancellationToken.None));
        Assert.Contains("autoscaling-no-such-service", error.Message, StringComparison.Ordinal);
        Assert.Equal(DockerErrorKind.NotFound, Assert.IsType<DockerApiException>(error.InnerException).Kind);
    }

    internal static async Task<List<ScalingInstance>> WaitAllActiveAsync(IInstanceProvider provider, int count)
    {
        for (var i = 0; i < 300; i++)
        {
            var listed = (await provider.ListAsync(CancellationToken.None)).ToList();
            if (listed.Count == count && listed.TrueForAll(x => x.State == InstanceState.Active))
            {
                return listed;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{count} tasks were not all running within 15 s");
    }

    private async Task RequireAsync()
    {
        await DockerTestEnvironment.RequireAsync();
        Component.Require(swarm.Missing is null, swarm.Missing ?? string.Empty);
    }

    private async Task<DockerSwarmServiceProvider> CreateAsync(int maxReplicas = 5, string? script = null)
    {
        await RequireAsync();
        _service = script is null ? await swarm.CreateServiceAsync(BasePort) : await swarm.CreateServiceAsync(BasePort, script);
        var provider = new DockerSwarmServiceProvider("swarm", new DockerSwarmServiceOptions
        {
            DockerHost = DockerTestEnvironment.Socket,
            Service = _service,
            BasePort = BasePort,
            MaxReplicas = maxReplicas,
            StopGracePeriod = TimeSpan.FromSeconds(2),
        });
        _providers.Add(provider);
        return provider;
    }

    /// <summary>Waits (at most 15 s) until <paramref name="count"/> tasks of the service run; returns task id -> container id.</summary>
    private async Task<Dictionary<string, string>> RunningTasksAsync(int count)
    {
        var filters = Uri.EscapeDataString($$"""{"service":["{{_service}}"],"desired-state":["running"]}""");
        for (var attempt = 0; ; attempt++)
        {
            var (_, body) = await SwarmFixture.Raw.SendAsync(HttpMethod.Get, "/tasks?filters=" + filters, null);
            var running = JsonNode.Parse(body)!.AsArray()
                .Where(t => (string?)t!["Status"]!["State"] == "running")
                .ToDictionary(t => (string)t!["ID"]!, t => (string)t!["Status"]!["ContainerStatus"]!["ContainerID"]!);
            if (running.Count == count || attempt == 150)
            {
                Assert.Equal(count, running.Count);
                return running;
            }

            await Task.Delay(100);
        }
    }
}
