using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AutoScaling.Testing;

namespace AutoScaling.Host.Tests.Measurements;

/// <summary>Where the group's metric comes from in a measured stack.</summary>
internal enum MetricPath
{
    /// <summary><c>HAProxyStats</c>: <c>show stat</c> of the backend over the runtime socket.</summary>
    HAProxyStats,

    /// <summary><c>Prometheus</c>: a real prometheus scraping haproxy's exporter at 1 s, <c>rate()</c> over <see cref="MeasuredStack.RateWindow"/>.</summary>
    Prometheus,
}

/// <summary>What a measured stack runs: the metric path, the group's interval and size, haproxy's check interval.</summary>
internal sealed record StackSettings(MetricPath Metric, TimeSpan Interval, int MinInstances, int MaxInstances, int PortStart, int PortEnd)
{
    /// <summary>Gets the requests per second one instance is sized for (target tracking).</summary>
    public int TargetPerInstance { get; init; } = 40;

    /// <summary>Gets haproxy's health-check interval for the servers the autoscaler adds (<c>Router:Check:Interval</c>).</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>One server line of <c>show servers state</c>.</summary>
internal sealed record ServerLine(string Name, int Port, int OperationalState, int AdminState)
{
    /// <summary>Gets a value indicating whether haproxy sends it traffic: running (2) and no maintenance or drain bit.</summary>
    public bool Up => OperationalState == 2 && AdminState == 0;
}

/// <summary>
/// The autoscaler executable (the framework-dependent build next to the tests) managing busybox containers on the shared
/// dockerd behind a real haproxy, its metric from haproxy's runtime API or from a real prometheus. Each container serves a
/// page naming its own port, so a client sees which instance answered. Everything started here is stopped by pid, and
/// the containers (found by this stack's own owner label) removed by id.
/// </summary>
internal sealed partial class MeasuredStack : IAsyncDisposable
{
    public const string RateWindow = "3s";
    private readonly string _folder;

    private MeasuredStack(string folder, string owner, HAProxyServer haproxy, PrometheusServer? prometheus, HostProcess host, int hostPort)
    {
        _folder = folder;
        Owner = owner;
        HAProxy = haproxy;
        Prometheus = prometheus;
        Host = host;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hostPort}/autoscaling/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Owner { get; }

    public HAProxyServer HAProxy { get; }

    public PrometheusServer? Prometheus { get; }

    public HostProcess Host { get; }

    public HttpClient Api { get; }

    public Uri Frontend => new($"http://127.0.0.1:{HAProxy.Frontends["web"]}/");

    public static async Task<MeasuredStack> StartAsync(StackSettings settings)
    {
        Component.Require(File.Exists("/var/run/docker.sock"), "dockerd is not running (run ./build.sh setup: scripts/setup/docker.sh)");
        Component.Require(HAProxyServer.Binary is not null, HAProxyServer.HowToInstall);
        Component.Require(settings.Metric != MetricPath.Prometheus || PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        var folder = Directory.CreateTempSubdirectory("autoscaler-measure").FullName;
        var owner = "measure-" + Guid.NewGuid().ToString("N")[..12];
        var exporterPort = HostScenario.Ports.Next();
        var frontendPort = HostScenario.Ports.Next();
        var hostPort = HostScenario.Ports.Next();
        var haproxy = await HAProxyServer.StartAsync(
            new Dictionary<string, string> { ["web"] = string.Empty }, _ => frontendPort, extraSections: HAProxyServer.ExporterSection(exporterPort));
        PrometheusServer? prometheus = null;
        try
        {
            if (settings.Metric == MetricPath.Prometheus)
            {
                prometheus = await PrometheusServer.StartAsync(HostScenario.Ports.Next(), $"127.0.0.1:{exporterPort}");
            }

            var config = Path.Combine(folder, "autoscaler.json");
            await File.WriteAllTextAsync(config, Configuration(settings, owner, hostPort, haproxy.SocketPath, prometheus?.Address));
            var host = HostProcess.Start(Path.Combine(AppContext.BaseDirectory, "autoscaler"), new Dictionary<string, string>(), ["--config", config]);
            return new MeasuredStack(folder, owner, haproxy, prometheus, host, hostPort);
        }
        catch
        {
            prometheus?.Dispose();
            await haproxy.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>The servers of backend <c>web</c>.</summary>
    public async Task<List<ServerLine>> ServersAsync()
    {
        // "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ... srv_port ..."
        var reply = await HAProxy.CommandAsync("show servers state web");
        var lines = new List<ServerLine>();
        foreach (var line in reply.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 7 && f[1] == "web" && PortOf(f[3]) is { } port)
            {
                lines.Add(new ServerLine(f[3], port, int.Parse(f[5], CultureInfo.InvariantCulture), int.Parse(f[6], CultureInfo.InvariantCulture)));
            }
        }

        return lines;
    }

    /// <summary>haproxy's error counters for backend <c>web</c> (<c>show stat</c>): 5xx it answered, 5xx servers answered, connection and response errors, retries, redispatches.</summary>
    public async Task<string> BackendErrorsAsync()
    {
        var rows = (await HAProxy.CommandAsync("show stat web -1 -1")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].TrimStart('#', ' ').Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        long Sum(IEnumerable<string[]> r, string name) => r.Sum(f => long.TryParse(f[Column(name)], CultureInfo.InvariantCulture, out var v) ? v : 0);
        var fields = rows.Skip(1).Select(r => r.Split(',')).Where(f => f.Length == header.Length).ToList();
        var backend = fields.Where(f => f[1] == "BACKEND").ToList();
        var servers = fields.Where(f => f[1] is not ("BACKEND" or "FRONTEND")).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"backend 5xx {Sum(backend, "hrsp_5xx")} (from servers {Sum(servers, "hrsp_5xx")}), econ {Sum(backend, "econ")}, eresp {Sum(backend, "eresp")}, wretr {Sum(backend, "wretr")}, wredis {Sum(backend, "wredis")}");
    }

    /// <summary>The group's status (<c>GET groups/web</c>).</summary>
    public async Task<JsonElement> GroupAsync()
    {
        using var json = JsonDocument.Parse(await Api.GetStringAsync("groups/web"));
        return json.RootElement.Clone();
    }

    /// <summary>The group's scale-out events (<c>GET groups/web/events</c>): decision time, from, to, outcome.</summary>
    public async Task<List<(DateTimeOffset Time, int From, int To, string Outcome)>> ScaleOutsAsync()
    {
        using var json = JsonDocument.Parse(await Api.GetStringAsync("groups/web/events"));
        return [.. json.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("time").GetDateTimeOffset(), e.GetProperty("from").GetInt32(), e.GetProperty("to").GetInt32(), e.GetProperty("outcome").GetString() ?? string.Empty))
            .Where(e => e.Item3 > e.Item2)];
    }

    /// <summary>Docker's own record of a container's creation and start (<c>docker inspect</c>).</summary>
    public static async Task<(DateTimeOffset Created, DateTimeOffset Started)> ContainerTimesAsync(string id)
    {
        var output = await DockerStackTests.DockerAsync("inspect", "-f", "{{.Created}} {{.State.StartedAt}}", id);
        var parts = output.Trim().Split(' ');
        return (ParseDockerTime(parts[0]), ParseDockerTime(parts[1]));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!Host.HasExited)
            {
                await Host.TerminateAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            Host.Dispose();
            Api.Dispose();
            try
            {
                foreach (var id in await DockerStackTests.OwnedContainersAsync(Owner))
                {
                    await DockerStackTests.DockerAsync("rm", "-f", id); // this stack's containers only: by id, found by its own owner label
                }
            }
            finally
            {
                // Stopped even when dockerd does not answer (it may be restarting), so no haproxy or prometheus is left behind.
                Prometheus?.Dispose();
                await HAProxy.DisposeAsync();
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private static int? PortOf(string server) => server.LastIndexOf('-') is var dash and > 0
        && int.TryParse(server.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    // dockerd writes nanoseconds; .NET parses at most seven fractional digits.
    private static DateTimeOffset ParseDockerTime(string text)
        => DateTimeOffset.Parse(Nanoseconds().Replace(text, "$1"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"(\.\d{1,7})\d*")]
    private static partial Regex Nanoseconds();

    private static string Configuration(StackSettings s, string owner, int hostPort, string socket, Uri? prometheus)
    {
        var metric = s.Metric == MetricPath.HAProxyStats
            ? $$"""{ "Type": "HAProxyStats", "SocketPath": "{{socket}}", "Backend": "web", "Statistic": "RequestRate" }"""
            : $$"""{ "Type": "Prometheus", "Server": "{{prometheus}}", "Query": "sum(rate(haproxy_backend_http_requests_total{proxy=\"web\"}[{{RateWindow}}]))" }""";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "Logging": { "LogLevel": { "Default": "Warning" } },
              "Host": { "Urls": "http://127.0.0.1:{{hostPort}}", "ControlApi": { "AllowAnonymous": true } },
              "AutoScaling": { "Groups": { "web": {
                "MinInstances": {{s.MinInstances}}, "MaxInstances": {{s.MaxInstances}}, "Interval": "{{s.Interval:c}}",
                "ScaleDown": { "StabilizationWindow": "00:00:03" },
                "Metrics": { "rps": {{metric}} },
                "Instances": {
                  "Type": "Docker", "Image": "autoscaling-test:local", "OwnerId": "{{owner}}", "Probe": "Tcp",
                  "Command": [ "sh", "-c", "/bin/busybox mkdir -p /tmp/w && echo {port} > /tmp/w/index.html && exec /bin/busybox httpd -f -p 127.0.0.1:{port} -h /tmp/w" ],
                  "PortRangeStart": {{s.PortStart}}, "PortRangeEnd": {{s.PortEnd}}
                },
                "Router": { "Type": "HAProxy", "SocketPath": "{{socket}}", "Backend": "web", "ServerMaxConnections": 8, "Check": { "Interval": "{{s.CheckInterval:c}}" } },
                "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": {{s.TargetPerInstance}} } ]
              } } }
            }
            """);
    }
}
