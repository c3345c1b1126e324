using System.Globalization;
using System.Text.Json.Nodes;
using AutoScaling.Docker.Client;

namespace AutoScaling.Docker.Tests.Swarm;

/// <summary>
/// A single-node swarm on loopback, exactly as PROTOCOLS.md describes: the gateway bridge on 127.241.0.0/24 first, then
/// <c>swarm init</c> with the 127.240.0.0/16 address pool; services use host networking. Torn down after the tests
/// (services removed, swarm left, bridge removed), unless the swarm or the bridge existed before.
/// </summary>
public sealed class SwarmFixture : IAsyncLifetime
{
    public const string Bridge = "docker_gwbridge";
    private static int s_serviceCounter;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _services = [];
    private bool _createdBridge;
    private bool _initialized;

    internal static DockerClient Client => DockerTestEnvironment.Client;

    internal static DockerRawApi Raw => DockerTestEnvironment.Raw;

    /// <summary>Gets why the swarm could not be set up, or null.</summary>
    public string? Missing { get; private set; }

    /// <summary>Gets the error kind seen when asking for a service before the swarm existed (null if a swarm was already there).</summary>
    internal DockerErrorKind? KindBeforeInit { get; private set; }

    public string? HostNetworkId { get; private set; }

    public async Task InitializeAsync()
    {
        // Only a missing dockerd skips (outside CI); any error of a daemon that is there fails the tests of the class.
        Missing = DockerTestEnvironment.ComponentMissing();
        if (Missing is not null)
        {
            return;
        }

        var (_, info) = await Raw.SendAsync(HttpMethod.Get, "/info", null);
        var state = (string?)JsonNode.Parse(info)?["Swarm"]?["LocalNodeState"];
        if (state != "active")
        {
            try
            {
                await Client.InspectServiceAsync("autoscaling-no-such-service", CancellationToken.None);
            }
            catch (DockerApiException e)
            {
                KindBeforeInit = e.Kind;
            }

            await WaitNoTaskContainersAsync(); // a swarm left just before may still be stopping its tasks
            await EnsureBridgeAsync();
            await Raw.SendAsync(
                HttpMethod.Post,
                "/swarm/init",
                """{"ListenAddr":"127.0.0.1:2377","AdvertiseAddr":"127.0.0.1","DataPathAddr":"127.0.0.1","DefaultAddrPool":["127.240.0.0/16"],"SubnetSize":24}""",
                CancellationToken.None);
            _initialized = true;
        }

        var (_, host) = await Raw.SendAsync(HttpMethod.Get, "/networks/host", null);
        HostNetworkId = (string?)JsonNode.Parse(host)?["Id"];
    }

    public async Task DisposeAsync()
    {
        if (_initialized)
        {
            await Raw.SendAsync(HttpMethod.Post, "/swarm/leave?force=1", null);
            await WaitNoTaskContainersAsync(); // their ports must be free for the next run
        }

        // Task containers that Swarm had stopped but not yet removed stay behind after a leave: remove ours (by service).
        foreach (var name in _services)
        {
            var left = await Client.ListContainersAsync(["com.docker.swarm.service.name=" + name], CancellationToken.None);
            await DockerTestEnvironment.RemoveAsync(left.ConvertAll(c => c.ID));
        }

        if (_createdBridge)
        {
            // The bridge is busy for a moment after the swarm is left.
            for (var i = 0; i < 50; i++)
            {
                try
                {
                    await Raw.SendAsync(HttpMethod.Delete, "/networks/" + Bridge, null);
                    break;
                }
                catch (DockerApiException e) when (e.Kind != DockerErrorKind.NotFound)
                {
                    await Task.Delay(100);
                }
                catch (DockerApiException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Creates a host-network service running httpd on 127.0.0.1:(basePort + slot), with 0 replicas.</summary>
    public async Task<string> CreateServiceAsync(int basePort, string script = "exec /bin/busybox httpd -f -p 127.0.0.1:$((BASE+SLOT)) -h /www")
    {
        var name = "autoscaling-test-" + Interlocked.Increment(ref s_serviceCounter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var body = new JsonObject
        {
            ["Name"] = name,
            ["Labels"] = new JsonObject { ["io.autoscaling.test"] = "swarm" },
            ["TaskTemplate"] = new JsonObject
            {
                ["ContainerSpec"] = new JsonObject
                {
                    ["Image"] = DockerTestEnvironment.Image,
                    ["Command"] = new JsonArray("/bin/busybox", "sh", "-c", script),
                    ["Env"] = new JsonArray("SLOT={{.Task.Slot}}", "BASE=" + basePort.ToString(CultureInfo.InvariantCulture)),
                    ["Init"] = true,
                    ["StopGracePeriod"] = 2_000_000_000L,
                },
                ["Networks"] = new JsonArray(new JsonObject { ["Target"] = HostNetworkId }),
                ["RestartPolicy"] = new JsonObject { ["Condition"] = "any", ["Delay"] = 5_000_000_000L },
            },
            ["Mode"] = new JsonObject { ["Replicated"] = new JsonObject { ["Replicas"] = 0 } },
        };
        await Raw.SendAsync(HttpMethod.Post, "/services/create", body.ToJsonString());
        _services.Add(name);
        return name;
    }

    /// <summary>Removes a service and waits (bounded) until its containers are gone, so its ports are free again.</summary>
    public static async Task RemoveServiceAsync(string name)
    {
        try
        {
            await Raw.SendAsync(HttpMethod.Delete, "/services/" + name, null);
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            return;
        }

        await WaitContainersAsync(name, 0);
    }

    /// <summary>Waits (at most 20 s) until exactly <paramref name="count"/> containers of the service run (the others' ports are free).</summary>
    public static async Task WaitContainersAsync(string name, int count)
    {
        for (var i = 0; i < 400; i++)
        {
            var left = await Client.ListContainersAsync(["com.docker.swarm.service.name=" + name], CancellationToken.None);
            if (left.Count(c => c.State is "running" or "restarting" or "removing" or "paused") == count)
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits (at most 20 s) until no swarm task container runs on this daemon.</summary>
    private static async Task WaitNoTaskContainersAsync()
    {
        for (var i = 0; i < 400; i++)
        {
            var left = await Client.ListContainersAsync(["com.docker.swarm.task.id"], CancellationToken.None);
            if (!left.Exists(c => c.State is "running" or "restarting" or "removing" or "paused"))
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Reads the service's replicas and version index.</summary>
    public static async Task<(ulong Replicas, ulong Version)> ReadAsync(string name)
    {
        var service = await Client.InspectServiceAsync(name, CancellationToken.None);
        return (service.Spec!.Mode!.Replicated!.Replicas!.Value, service.Version!.Index!.Value);
    }

    private async Task EnsureBridgeAsync()
    {
        try
        {
            var (_, existing) = await Raw.SendAsync(HttpMethod.Get, "/networks/" + Bridge, null);
            var subnet = (string?)JsonNode.Parse(existing)?["IPAM"]?["Config"]?[0]?["Subnet"];
            if (subnet != "127.241.0.0/24")
            {
                throw new DockerApiException($"{Bridge} exists with subnet {subnet}, not 127.241.0.0/24; remove it before running the swarm tests.");
            }

            return;
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            // create it below
        }

        const string Network = """
            {"Name":"docker_gwbridge","Driver":"bridge","CheckDuplicate":true,
             "IPAM":{"Driver":"default","Config":[{"Subnet":"127.241.0.0/24","Gateway":"127.241.0.1"}]},
             "Options":{"com.docker.network.bridge.name":"docker_gwbridge",
                        "com.docker.network.bridge.enable_icc":"false",
                        "com.docker.network.bridge.enable_ip_masquerade":"false"}}
            """;
        await Raw.SendAsync(HttpMethod.Post, "/networks/create", Network);
        _createdBridge = true;
    }
}

/// <summary>The swarm test classes share one swarm and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class SwarmTests : ICollectionFixture<SwarmFixture>
{
    public const string Name = "swarm";
}
