using System.Text.Json.Nodes;
using AutoScaling.Docker.Client;
using AutoScaling.Testing;
using Docker.DotNet.Models;

namespace AutoScaling.Docker.Tests;

/// <summary>The real dockerd and the local test image the tests run against (started by scripts/setup/docker.sh).</summary>
internal static class DockerTestEnvironment
{
    public const string Socket = "unix:///var/run/docker.sock";
    public const string Owner = "autoscaling-tests";

    private static readonly Lazy<Task<string?>> s_missing = new(CheckAsync);

    public static string Image => Environment.GetEnvironmentVariable("AUTOSCALING_DOCKER_TEST_IMAGE") is { Length: > 0 } image ? image : "autoscaling-test:local";

    public static DockerClient Client { get; } = new(DockerEndpoint.Parse(Socket), TimeSpan.FromSeconds(60));

    /// <summary>Plain HTTP to the same daemon, for set-up and raw checks.</summary>
    public static DockerRawApi Raw { get; } = new(Socket["unix://".Length..]);

    /// <summary>Fails (CI) or skips (elsewhere) when dockerd or the test image is missing.</summary>
    public static async Task RequireAsync()
    {
        var missing = await s_missing.Value;
        Component.Require(missing is null, missing ?? string.Empty);
    }

    public static string NewGroup(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Options that run busybox httpd on {port}, TCP probe, short timeouts.</summary>
    public static DockerContainerOptions HttpdOptions(int first, int last, Action<DockerContainerOptions>? change = null)
    {
        var options = new DockerContainerOptions
        {
            DockerHost = Socket,
            Image = Image,
            Command = ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"],
            PortRangeStart = first,
            PortRangeEnd = last,
            OwnerId = Owner,
            StopGracePeriod = TimeSpan.FromSeconds(2),
            Probe = ReadinessProbeKind.Http,
        };
        change?.Invoke(options);
        return options;
    }

    /// <summary>Provisions an instance and waits (up to 15 s, by listing) until the provider reports it <paramref name="state"/>; fails on any other settled state.</summary>
    public static async Task<ScalingInstance> ProvisionUntilAsync(IInstanceProvider provider, InstanceState state = InstanceState.Active)
    {
        var instance = await provider.ProvisionAsync(CancellationToken.None);
        return await WaitForStateAsync(provider, instance.Id, state);
    }

    /// <summary>Waits (up to 15 s, by listing) until the provider reports the instance in <paramref name="state"/>.</summary>
    public static async Task<ScalingInstance> WaitForStateAsync(IInstanceProvider provider, string id, InstanceState state, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        ScalingInstance? found = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            found = (await provider.ListAsync(CancellationToken.None)).SingleOrDefault(x => x.Id == id);
            if (found?.State == state)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException($"{id} was not {state} in time; last listed: {found?.State.ToString() ?? "absent"} ({found?.FailureReason})");
    }

    /// <summary>Ids of every container (any state) carrying the group label, whatever the owner.</summary>
    public static async Task<List<string>> ContainersOfGroupAsync(string group)
    {
        var listed = await Client.ListContainersAsync([ContainerLabels.Group + "=" + group], CancellationToken.None);
        return listed.ConvertAll(c => c.ID);
    }

    /// <summary>Creates a container with the given name and labels that sleeps (a stranger, from the provider's view).</summary>
    public static async Task<string> CreateStrangerAsync(string name, Dictionary<string, string>? labels, bool start)
    {
        var request = new CreateContainerParameters
        {
            Name = name,
            Image = Image,
            Cmd = ["sleep", "300"],
            Labels = labels!,
            HostConfig = new HostConfig { NetworkMode = "host", Init = true },
        };
        var id = await Client.CreateContainerAsync(request, CancellationToken.None);
        if (start)
        {
            await Client.StartContainerAsync(id, CancellationToken.None);
        }

        return id;
    }

    /// <summary>Removes containers by id (test clean-up), ignoring ones already gone.</summary>
    public static async Task RemoveAsync(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            try
            {
                await Client.RemoveContainerAsync(id, CancellationToken.None);
            }
            catch (DockerApiException)
            {
                // best effort
            }
        }
    }

    /// <summary>Removes every container of the group (test clean-up; the group name is unique to the test).</summary>
    public static async Task RemoveGroupAsync(string group) => await RemoveAsync(await ContainersOfGroupAsync(group));

    public static Task<JsonObject?> InspectRawAsync(string id) => Raw.GetObjectAsync($"/containers/{id}/json");

    public static async Task<string> GetAsync(string address, string path = "/")
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri($"http://{address}{path}"));
    }

    /// <summary>GETs, retrying a refused connection for up to 3 s (a task Swarm reports running may not listen yet).</summary>
    public static async Task<string> GetEventuallyAsync(string address, string path = "/")
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await GetAsync(address, path);
            }
            catch (HttpRequestException) when (attempt < 150)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>
    /// Why dockerd is missing (no daemon socket, or no dockerd binary), or null when it is there. Only this skips a
    /// test outside CI; a daemon that is there but answers with an error fails the test.
    /// </summary>
    public static string? ComponentMissing()
    {
        var socketPath = Socket["unix://".Length..];
        if (File.Exists(socketPath))
        {
            return null;
        }

        var installed = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "dockerd")));
        return installed
            ? $"dockerd is not running: no socket at {socketPath} (run ./build.sh setup)"
            : "dockerd is not installed (run ./build.sh setup)";
    }

    private static async Task<string?> CheckAsync()
    {
        if (ComponentMissing() is { } missing)
        {
            return missing;
        }

        // dockerd is there: from here on, anything unexpected is an error of the environment or of the client, and fails.
        if (!await Client.PingAsync(CancellationToken.None))
        {
            throw new InvalidOperationException($"dockerd's socket {Socket} exists but GET /_ping did not answer 200 OK.");
        }

        return await Raw.GetObjectAsync($"/images/{Image}/json") is not null ? null : $"test image {Image} is missing (run ./build.sh setup)";
    }
}
