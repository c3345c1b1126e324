using System.Globalization;
using AutoScaling.Testing;

namespace AutoScaling.Host.Tests.Restart;

/// <summary>
/// The `autoscaler` process (framework-dependent, from the test output) managing group <c>web</c>: busybox httpd
/// containers on a dockerd (the shared one, or a private one by its endpoint) with an owner id of the stack's own,
/// registered in a real haproxy's backend <c>web</c>. Disposal stops the host, removes the owned containers by id and
/// stops haproxy.
/// </summary>
internal sealed class DockerGroupStack(string folder, string? dockerHost, string owner, HAProxyServer haproxy, int hostPort) : IAsyncDisposable
{
    private readonly string _folder = folder;
    private readonly string? _dockerHost = dockerHost;

    public string Owner { get; } = owner;

    public HAProxyServer HAProxy { get; } = haproxy;

    public HostProcess Host { get; private set; } = null!;

    public int HostPort { get; } = hostPort;

    public Uri Frontend => new($"http://127.0.0.1:{HAProxy.Frontends["web"]}/");

    public Uri Health => new($"http://127.0.0.1:{HostPort}/health");

    public static void RequireComponents()
    {
        Component.Require(File.Exists("/var/run/docker.sock"), "dockerd is not running (run ./build.sh setup: scripts/setup/docker.sh)");
        Component.Require(HAProxyServer.Binary is not null, HAProxyServer.HowToInstall);
    }

    /// <summary>Starts haproxy, then the autoscaler with group <c>web</c>.</summary>
    /// <param name="dockerHost">The Docker endpoint (<c>unix://…</c>), or <see langword="null"/> for the shared daemon.</param>
    /// <param name="ports">The containers' port range.</param>
    /// <param name="group">The group's other members as JSON text (<c>"MinInstances": 1, "Metrics": {…}, "Policies": […]</c>); <c>{haproxy}</c> is replaced by haproxy's runtime socket.</param>
    public static async Task<DockerGroupStack> StartAsync(string? dockerHost, (int First, int Last) ports, string group)
    {
        // The suite's ports are free-checked, but other suites on this machine may take one between the check and the bind: try others.
        for (var attempt = 1; ; attempt++)
        {
            var frontendPort = HostScenario.Ports.Next();
            HAProxyServer haproxy;
            try
            {
                haproxy = await HAProxyServer.StartAsync(new Dictionary<string, string> { ["web"] = string.Empty }, _ => frontendPort);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue;
            }

            var stack = new DockerGroupStack(Directory.CreateTempSubdirectory("autoscaler-restart").FullName, dockerHost, "restart-test-" + Guid.NewGuid().ToString("N")[..12], haproxy, HostScenario.Ports.Next());
            await stack.StartHostAsync(ports, group);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Tools.WaitUntilAsync(async () => stack.Host.HasExited || await Tools.AnswersAsync(http, stack.Health), TimeSpan.FromSeconds(60));
            if (!stack.Host.HasExited || attempt == 3 || !stack.Host.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                return stack;
            }

            await stack.DisposeAsync();
        }
    }

    /// <summary>Waits (bounded) until the group is at <paramref name="target"/> (<see cref="ConvergedAsync"/>); gives up at once if the host exits.</summary>
    public async Task<bool> WaitConvergedAsync(int target, TimeSpan limit)
        => await Tools.WaitUntilAsync(async () => Host.HasExited || await ConvergedAsync(target), limit) && !Host.HasExited;

    /// <summary>The servers of backend <c>web</c> with their ports (<c>show servers state</c>, columns by the header's names).</summary>
    public async Task<List<(string Name, int Port)>> ServersAsync()
    {
        // "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state ... srv_port ...\n3 web 1 as-127.0.0.1-17200 127.0.0.1 2 ..."
        var lines = (await HAProxy.CommandAsync("show servers state web")).Split('\n');
        var header = lines.First(l => l.StartsWith("# be_id", StringComparison.Ordinal))[2..].Split(' ');
        var name = Array.IndexOf(header, "srv_name");
        var port = Array.IndexOf(header, "srv_port");
        return [.. lines
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > port && f[1] == "web")
            .Select(f => (f[name], int.Parse(f[port], CultureInfo.InvariantCulture)))];
    }

    /// <summary>The owned containers: id, state and the port from the <c>io.autoscaling.port</c> label.</summary>
    public async Task<List<(string Id, string State, int Port)>> ContainersAsync()
    {
        var output = await DockerAsync("ps", "-a", "--no-trunc", "--filter", "label=io.autoscaling.owner=" + Owner, "--format", "{{.ID}} {{.State}} {{.Label \"io.autoscaling.port\"}}");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' '))
            .Select(f => (f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture)))];
    }

    /// <summary>Whether the group is at <paramref name="target"/>: that many running containers, each the one server on its port, and nothing else of ours.</summary>
    public async Task<bool> ConvergedAsync(int target)
    {
        var containers = await ContainersAsync();
        var servers = await ServersAsync();
        var ports = containers.Select(c => c.Port).ToHashSet();
        return containers.Count == target
            && containers.All(c => c.State == "running")
            && ports.Count == target
            && servers.Count == target
            && servers.Select(s => s.Port).ToHashSet().SetEquals(ports);
    }

    /// <summary>A snapshot of containers and servers, for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        try
        {
            return $"containers [{string.Join(", ", await ContainersAsync())}], servers [{string.Join(", ", await ServersAsync())}]";
        }
        catch (InvalidOperationException e)
        {
            return "(could not list: " + e.Message + ")";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Host?.Dispose();
        try
        {
            foreach (var (id, _, _) in await ContainersAsync())
            {
                await DockerAsync("rm", "-f", id); // this stack's containers only: by id, found by its own owner label
            }
        }
        catch (InvalidOperationException) when (_dockerHost is not null)
        {
            // A private daemon that is down: its own disposal removes every container it has.
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"the containers labelled io.autoscaling.owner={Owner} could not be removed (remove them by id once dockerd answers): {e.Message}", e);
        }
        finally
        {
            await HAProxy.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <remarks>
    /// The router as the end-to-end stack has it: busybox httpd forks per request and listens with a backlog of 9, so haproxy
    /// queues what is over 4 at once, and three missed checks in a row (not two) take a server out.
    /// </remarks>
    private async Task StartHostAsync((int First, int Last) ports, string group)
    {
        var config = Path.Combine(_folder, "autoscaler.json");
        var endpoint = _dockerHost is null ? string.Empty : $", \"DockerHost\": \"{_dockerHost}\"";
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            { "AutoScaling": { "Groups": { "web": {
                {{group.Replace("{haproxy}", HAProxy.SocketPath, StringComparison.Ordinal)}},
                "Instances": { "Type": "Docker", "Image": "{{PrivateDockerd.TestImage}}",
                  "Command": [ "httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www" ], "Probe": "Http",
                  "PortRangeStart": {{ports.First}}, "PortRangeEnd": {{ports.Last}}, "OwnerId": "{{Owner}}"{{endpoint}} },
                "Router": { "Type": "HAProxy", "SocketPath": "{{HAProxy.SocketPath}}", "Backend": "web",
                  "Check": { "Interval": "00:00:01", "Fall": 3 }, "ServerMaxConnections": 4 } } } },
              "Host": { "Urls": "http://127.0.0.1:{{HostPort}}" } }
            """));
        var environment = new Dictionary<string, string> { ["Host__ControlApi__OperatorKey"] = HostScenario.OperatorKey };
        Host = HostProcess.Start(Path.Combine(AppContext.BaseDirectory, "autoscaler"), environment, ["--config", config]);
    }

    private async Task<string> DockerAsync(params string[] args)
    {
        using var docker = HostProcess.Start("docker", new Dictionary<string, string>(), _dockerHost is null ? args : ["-H", _dockerHost, .. args]);
        var exit = await docker.WaitAsync(TimeSpan.FromMinutes(1));
        return exit == 0 ? docker.Output : throw new InvalidOperationException($"docker {string.Join(' ', args)} failed ({exit}): {docker.Output}");
    }
}
