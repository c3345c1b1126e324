using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>
/// One end-to-end stack of the real <c>autoscaler</c> process (the framework-dependent build in the test output): group
/// <c>web</c> runs busybox containers on the shared dockerd (host network, the test's own port block and owner id)
/// behind a real haproxy's backend <c>web</c> (runtime API, exporter), optionally with a real prometheus scraping the
/// exporter every second. The configuration is a file the test may edit (the autoscaler reloads it). Disposing kills
/// every autoscaler it started by pid, removes every container of its owner by id, and kills haproxy and prometheus by pid.
/// </summary>
internal sealed class AutoscalerStack : IAsyncDisposable
{
    public const string Group = "web";
    public const string ServerPrefix = "as-";

    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("autoscaler-e2e-").FullName;
    private readonly List<HostProcess> _hosts = [];
    private readonly HashSet<HostProcess> _killed = [];
    private readonly CancellationTokenSource _watching = new();
    private Dictionary<string, string> _environment = [];
    private JsonObject _config = [];
    private Task? _watcher;

    private AutoscalerStack(DockerApi docker, ITestOutputHelper output)
    {
        Docker = docker;
        _output = output;
        Owner = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        ConfigFile = Path.Combine(_folder, "autoscaler.json");
    }

    public Timeline Timeline { get; } = new();

    public StackWatch Watch { get; } = new();

    public DockerApi Docker { get; }

    public HAProxyServer HAProxy { get; private set; } = null!;

    public PrometheusServer? Prometheus { get; private set; }

    /// <summary>Gets the owner id of this test's containers (label <c>io.autoscaling.owner</c>).</summary>
    public string Owner { get; }

    public string ConfigFile { get; }

    /// <summary>Gets haproxy's frontend for backend <c>web</c>.</summary>
    public Uri Frontend { get; private set; } = null!;

    /// <summary>Gets the autoscaler running now.</summary>
    public HostProcess Autoscaler => _hosts[^1];

    private HttpClient Api { get; set; } = null!;

    /// <summary>Starts haproxy (and prometheus), writes the configuration and starts the autoscaler; skips (or fails under CI) without the components.</summary>
    public static async Task<AutoscalerStack> StartAsync(StackSettings settings, ITestOutputHelper output)
    {
        Component.Require(HAProxyServer.Binary is not null, HAProxyServer.HowToInstall);
        Component.Require(settings.Rps != RpsSource.Prometheus || PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        var docker = new DockerApi();
        var missing = await docker.MissingAsync();
        if (missing is not null)
        {
            docker.Dispose();
        }

        Component.Require(missing is null, missing ?? string.Empty);
        var stack = new AutoscalerStack(docker, output);
        try
        {
            await stack.StartComponentsAsync(settings);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the autoscaler (again) with the same file and environment, and waits until it serves its metrics.</summary>
    public async Task StartHostAsync()
    {
        var host = HostProcess.Start(Path.Combine(AppContext.BaseDirectory, "autoscaler"), _environment, ["--config", ConfigFile]);
        _hosts.Add(host);
        Timeline.Note($"autoscaler started ({_hosts.Count}): pid {host.Pid}");
        var up = await Tools.WaitUntilAsync(async () => host.HasExited || await Tools.AnswersAsync(Api, new Uri("metrics", UriKind.Relative)), TimeSpan.FromSeconds(60));
        Assert.True(up && !host.HasExited, "the autoscaler did not serve /metrics within 60 s:\n" + host.Output);
    }

    /// <summary>Kills the running autoscaler by pid with SIGKILL (no shutdown of any kind).</summary>
    public void KillHost()
    {
        var host = Autoscaler;
        var pid = host.Pid;
        host.Dispose();
        _killed.Add(host);
        Timeline.Note($"autoscaler pid {pid} killed (SIGKILL)");
    }

    /// <summary>Edits group <c>web</c> in the configuration file; the autoscaler applies it at its next tick.</summary>
    public async Task UpdateGroupAsync(string what, Action<JsonObject> change)
    {
        change(GroupConfig);
        await File.WriteAllTextAsync(ConfigFile, _config.ToJsonString());
        Timeline.Note("config: " + what);
    }

    /// <summary>This test's containers of group <c>web</c>, in any state, with the port from their label.</summary>
    public async Task<List<(string Id, int Port, string State)>> ContainersAsync()
        => [.. (await Docker.ListAsync("io.autoscaling.owner=" + Owner, "io.autoscaling.group=" + Group))
            .Select(c => (c.Id, int.Parse(c.Labels["io.autoscaling.port"], CultureInfo.InvariantCulture), c.State))];

    /// <summary>The autoscaler's servers (prefix <c>as-</c>) in backend <c>web</c>.</summary>
    public async Task<List<HAProxyBackendServer>> ServersAsync()
        => [.. (await HAProxyBackendServer.ListAsync(HAProxy, Group)).Where(s => s.Name.StartsWith(ServerPrefix, StringComparison.Ordinal))];

    /// <summary>
    /// Whether exactly <paramref name="count"/> containers of ours exist, all running, each with one server in service
    /// at its port, and the backend has no other server of ours.
    /// </summary>
    public async Task<bool> AgreeAsync(int count)
    {
        try
        {
            var containers = await ContainersAsync();
            var servers = await ServersAsync();
            var expected = containers.Select(c => $"{ServerPrefix}127.0.0.1-{c.Port}").Order(StringComparer.Ordinal);
            return containers.Count == count && containers.All(c => c.State == "running")
                && servers.All(s => s.InService) && expected.SequenceEqual(servers.Select(s => s.Name).Order(StringComparer.Ordinal));
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return false; // haproxy down
        }
    }

    /// <summary>Containers, servers and the autoscaler's view, for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        string servers;
        try
        {
            servers = string.Join(", ", await HAProxyBackendServer.ListAsync(HAProxy, Group));
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or OperationCanceledException or InvalidOperationException)
        {
            servers = "haproxy: " + e.Message;
        }

        var containers = string.Join(", ", (await ContainersAsync()).Select(c => $"{c.Id[..12]} :{c.Port} {c.State}"));
        var status = await StatusAsync();
        return $"containers [{containers}]; servers [{servers}]; autoscaler {(status is null ? "not answering" : status.ToString())}\n--- timeline\n{Timeline.Text}\n--- autoscaler output\n{Tail(Autoscaler.Output)}";
    }

    /// <summary>The autoscaler's view of group <c>web</c> (control API), or <see langword="null"/> when it does not answer.</summary>
    public async Task<GroupStatus?> StatusAsync()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "autoscaling/groups/" + Group);
            request.Headers.Add("X-Api-Key", HostScenario.OperatorKey);
            using var response = await Api.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var g = json.RootElement;
            var rps = g.GetProperty("metrics").TryGetProperty("rps", out var m) ? m.GetProperty("status").GetString() : null;
            var decision = g.TryGetProperty("lastDecision", out var d) ? d : default;
            return new GroupStatus(
                g.GetProperty("currentInstances").GetInt32(),
                g.GetProperty("instancesByState").GetProperty("active").GetInt32(),
                decision.ValueKind == JsonValueKind.Object ? decision.GetProperty("desired").GetInt32() : null,
                decision.ValueKind == JsonValueKind.Object ? decision.GetProperty("reason").GetString() : null,
                rps);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Each step runs whatever the one before did, so a failure never leaves a process or a container behind.
        try
        {
            await _watching.CancelAsync();
            if (_watcher is not null)
            {
                await _watcher;
            }
        }
        finally
        {
            foreach (var host in _hosts.Where(h => !_killed.Contains(h)))
            {
                host.Dispose(); // SIGKILL by pid if it still runs
            }

            try
            {
                // Every container this test's autoscalers made (any group), by id.
                var ours = await Docker.ListAsync("io.autoscaling.owner=" + Owner);
                foreach (var c in ours)
                {
                    await Docker.RemoveAsync(c.Id);
                }

                Timeline.Note($"cleanup: removed {ours.Count} container(s) of owner {Owner}");
            }
            finally
            {
                HAProxy?.Dispose();
                Prometheus?.Dispose();
                Docker.Dispose();
                Api?.Dispose();
                _watching.Dispose();
                _output.WriteLine(Timeline.Text);
                for (var i = 0; i < _hosts.Count; i++)
                {
                    _output.WriteLine($"--- autoscaler {i + 1} output\n{Tail(_hosts[i].Output)}");
                }

                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private JsonObject GroupConfig => _config["AutoScaling"]!["Groups"]![Group]!.AsObject();

    private static string Tail(string text, int lines = 150)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    private async Task StartComponentsAsync(StackSettings settings)
    {
        var (frontendPort, exporterPort, hostPort) = (settings.FrontendPort, settings.ExporterPort, settings.AutoscalerPort);
        HAProxy = await HAProxyServer.StartAsync(new Dictionary<string, string> { [Group] = settings.BackendLines }, _ => frontendPort, extraSections: HAProxyServer.ExporterSection(exporterPort));
        Frontend = new Uri($"http://127.0.0.1:{frontendPort}/");
        if (settings.Rps == RpsSource.Prometheus)
        {
            Prometheus = await PrometheusServer.StartAsync(settings.PrometheusPort, $"127.0.0.1:{exporterPort}");
        }

        Api = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{hostPort}/"), Timeout = TimeSpan.FromSeconds(5) };
        _config = Configuration(settings, hostPort);
        await File.WriteAllTextAsync(ConfigFile, _config.ToJsonString());
        _environment = new Dictionary<string, string> { ["Host__ControlApi__OperatorKey"] = HostScenario.OperatorKey };
        Timeline.Note($"owner {Owner}; haproxy pid {HAProxy.Process.Pid} (frontend {frontendPort}, exporter {exporterPort}); prometheus {Prometheus?.Address.ToString() ?? "-"}; containers on {settings.FirstPort}-{settings.LastPort}; autoscaler on {hostPort}");
        await StartHostAsync();
        _watcher = Watch.RunAsync(this, _watching.Token);
    }

    private JsonObject Configuration(StackSettings settings, int hostPort)
    {
        JsonNode metric = settings.Rps switch
        {
            RpsSource.InMemory => new JsonObject { ["Type"] = "InMemory", ["Value"] = settings.InitialRps },
            RpsSource.HAProxyStats => new JsonObject { ["Type"] = "HAProxyStats", ["SocketPath"] = HAProxy.SocketPath, ["Backend"] = Group, ["Statistic"] = "RequestRate" },
            _ => new JsonObject
            {
                ["Type"] = "Prometheus",
                ["Server"] = Prometheus!.Address.ToString(),
                ["Query"] = "sum(rate(haproxy_backend_http_requests_total{proxy=\"web\"}[5s]))",
            },
        };
        string[] command = settings.StartDelaySeconds > 0
            ? ["sh", "-c", $"sleep {settings.StartDelaySeconds}; exec httpd -f -p 127.0.0.1:{{port}} -h /www"]
            : ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"];
        var group = new JsonObject
        {
            ["MinInstances"] = settings.MinInstances,
            ["MaxInstances"] = 6,
            ["Interval"] = "00:00:01",
            ["InstanceStartTimeout"] = "00:00:20",
            ["ScaleDown"] = new JsonObject { ["StabilizationWindow"] = "00:00:03" },
            ["Metrics"] = new JsonObject { ["rps"] = metric },
            ["Instances"] = new JsonObject
            {
                ["Type"] = "Docker",
                ["Image"] = DockerApi.Image,
                ["Command"] = new JsonArray([.. command.Select(c => JsonValue.Create(c))]),
                ["PortRangeStart"] = settings.FirstPort,
                ["PortRangeEnd"] = settings.LastPort,
                ["Probe"] = "Http",
                ["OwnerId"] = Owner,
                ["StopGracePeriod"] = "00:00:02",
            },
            ["Router"] = new JsonObject
            {
                ["Type"] = "HAProxy",
                ["SocketPath"] = HAProxy.SocketPath,
                ["Backend"] = Group,
                // A TCP check times out after its interval; a busybox httpd (listen backlog 9) on two loaded cores may miss
                // one now and then: three misses in a row (3 s), not two, take a server out.
                ["Check"] = new JsonObject { ["Interval"] = "00:00:01", ["Fall"] = 3 },
                // busybox httpd forks per request: haproxy queues what is over 4 at once instead of filling its backlog.
                ["ServerMaxConnections"] = 4,
            },
            ["Policies"] = new JsonArray(new JsonObject { ["Type"] = "TargetTracking", ["Metric"] = "rps", ["TargetPerInstance"] = settings.TargetPerInstance }),
        };
        return new JsonObject
        {
            ["AutoScaling"] = new JsonObject { ["Groups"] = new JsonObject { [Group] = group } },
            ["Host"] = new JsonObject { ["Urls"] = $"http://127.0.0.1:{hostPort}", ["ControlApi"] = new JsonObject { ["AllowAnonymous"] = false } },
        };
    }
}

/// <summary>The autoscaler's view of the group: instances counted toward its size, those serving, the last decision, the metric's status.</summary>
internal sealed record GroupStatus(int Current, int Active, int? Desired, string? Reason, string? RpsStatus)
{
    public override string ToString() => $"current {Current}, active {Active}, desired {Desired}, reason {Reason}, rps {RpsStatus}";
}
