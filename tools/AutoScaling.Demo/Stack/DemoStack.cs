using System.Net.Sockets;
using System.Text.Json;
using AutoScaling.Demo.Live;

namespace AutoScaling.Demo.Stack;

/// <summary>
/// The demo's running stack: haproxy, prometheus and the autoscaler as processes of this run, and the containers the
/// autoscaler starts with this run's owner label. <see cref="StopAsync"/> stops exactly those, in order, each by its
/// pid or id: the autoscaler first (so it starts nothing more), then its containers, then haproxy and prometheus.
/// </summary>
internal sealed class DemoStack(StackSettings settings, string autoscaler, Action<string> report)
{
    /// <summary>The autoscaler's name among the processes (the one that starts containers).</summary>
    public const string Autoscaler = "autoscaler";

    private readonly List<OwnedProcess> _processes = [];

    /// <summary>Gets the settings.</summary>
    public StackSettings Settings => settings;

    /// <summary>Gets the processes started so far, in start order.</summary>
    public IReadOnlyList<OwnedProcess> Processes => _processes;

    /// <summary>Gets how many containers <see cref="StopAsync"/> removed.</summary>
    public int ContainersRemoved { get; private set; }

    /// <summary>
    /// Cleans up after earlier runs that were killed (<see cref="LeftoverCleanup"/>), then starts the stack, recording it in
    /// the run directory (<see cref="StackRecord"/>), and waits until it serves: a container answers through the frontend and
    /// Prometheus has HAProxy's request counter. Throws <see cref="DemoException"/> naming what did not come up (what did start stays listed for <see cref="StopAsync"/>).
    /// </summary>
    public async Task StartAsync(ControlApiClient api, HttpClient http, TimeSpan limit, CancellationToken cancellationToken)
    {
        await LeftoverCleanup.RunAsync(settings.RunDirectory, report, LeftoverCleanup.Grace);
        foreach (var port in StackSettings.HostPorts)
        {
            if (IsListening(port))
            {
                throw new DemoException($"port 127.0.0.1:{port} is in use (another demo running?); the demo needs 127.0.0.1:{StackSettings.HostPorts[0]}-{StackSettings.HostPorts[^1]}. Nothing was started.");
            }
        }

        if (await DockerCli.ProblemAsync(StackSettings.Image) is { } problem)
        {
            throw new DemoException(problem + ". Nothing was started.");
        }

        var dir = settings.RunDirectory;
        WriteRecord();
        var haproxyConfig = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(haproxyConfig, settings.HAProxyConfig(), cancellationToken);
        var prometheusConfig = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(prometheusConfig, StackSettings.PrometheusConfig(), cancellationToken);
        var autoscalerConfig = Path.Combine(dir, "autoscaler.json");
        await File.WriteAllTextAsync(autoscalerConfig, settings.AutoscalerConfig(), cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var token = deadline.Token;
        try
        {
            var haproxy = Launch("haproxy", Find("haproxy"), ["-f", haproxyConfig, "-db"]);
            await WaitAsync(haproxy, () => Task.FromResult(File.Exists(settings.HAProxySocket) && IsListening(StackSettings.FrontendPort)), "haproxy's runtime socket and frontend", token);
            var prometheus = Launch("prometheus", Find("prometheus"), [
                "--config.file=" + prometheusConfig,
                "--storage.tsdb.path=" + Storage(dir),
                $"--web.listen-address=127.0.0.1:{StackSettings.PrometheusPort}",
                "--log.level=warn"]);
            var environment = new Dictionary<string, string>
            {
                ["Host__ControlApi__ReaderKey"] = settings.ReaderKey,
                ["Logging__Console__FormatterName"] = "simple",
            };
            var host = Launch(Autoscaler, autoscaler, ["--config", autoscalerConfig], environment);
            await WaitAsync(host, async () => await api.StatusAsync(token) is { InstancesByState.Active: >= StackSettings.MinInstances }, $"the autoscaler's group '{StackSettings.Group}' with an active container", token);
            await WaitAsync(haproxy, () => AnswersAsync(http, StackSettings.Frontend, token), "a container answering through haproxy's frontend", token);
            await WaitAsync(prometheus, () => HasSeriesAsync(http, token), "prometheus with haproxy's request counter (its first scrapes)", token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DemoException($"the stack did not come up within {limit.TotalSeconds:F0} s; see the logs in {dir}");
        }
    }

    /// <summary>Stops everything this run started, each step bounded; returns the problems (empty: all stopped).</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        var problems = new List<string>();
        var autoscaler = _processes.Find(p => p.Name == Autoscaler);
        if (autoscaler is not null && !await autoscaler.StopAsync(TimeSpan.FromSeconds(20)))
        {
            problems.Add($"the autoscaler (pid {autoscaler.Pid}) did not stop on SIGTERM within 20 s and was killed");
        }

        try
        {
            foreach (var id in await DockerCli.OwnedAsync(settings.OwnerId))
            {
                if (await DockerCli.RemoveAsync(id))
                {
                    ContainersRemoved++;
                    report($"removed container {id[..12]}");
                }
                else
                {
                    problems.Add($"container {id[..12]} could not be removed");
                }
            }
        }
        catch (InvalidOperationException e)
        {
            problems.Add("the containers could not be listed: " + e.Message);
        }

        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            var p = _processes[i];
            await p.DisposeAsync();
            report($"stopped {p.Name} (pid {p.Pid})");
        }

        if (DeleteStorage(settings.RunDirectory) is { } problem)
        {
            problems.Add(problem);
        }

        if (problems.Count == 0)
        {
            StackRecord.Delete(settings.RunDirectory); // otherwise kept: the next run removes what is left
        }

        return problems;
    }

    private OwnedProcess Launch(string name, string binary, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = OwnedProcess.Start(name, binary, args, Path.Combine(settings.RunDirectory, name + ".log"), environment);
        _processes.Add(process);
        WriteRecord();
        report($"started {name} (pid {process.Pid})");
        return process;
    }

    /// <summary>Deletes Prometheus' storage in <paramref name="runDirectory"/> (its size grows with the run; the logs stay); null, or why not.</summary>
    public static string? DeleteStorage(string runDirectory)
    {
        try
        {
            if (Directory.Exists(Storage(runDirectory)))
            {
                Directory.Delete(Storage(runDirectory), recursive: true);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "prometheus' storage could not be deleted: " + e.Message;
        }
    }

    private static string Storage(string runDirectory) => Path.Combine(runDirectory, "prometheus-data");

    private void WriteRecord()
        => StackRecord.ForThisDemo(settings.OwnerId, [.. _processes.Select(p => new RecordedProcess(p.Name, p.Pid, p.StartTime))]).Write(settings.RunDirectory);

    private async Task WaitAsync(OwnedProcess process, Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            if (process.HasExited)
            {
                throw new DemoException($"{process.Name} exited ({process.ExitCode}) before {what} was ready; see {Path.Combine(settings.RunDirectory, process.Name + ".log")}");
            }

            await Task.Delay(200, cancellationToken);
        }

        report($"ready: {what}");
    }

    private static async Task<bool> AnswersAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> HasSeriesAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var query = Uri.EscapeDataString("haproxy_backend_http_requests_total{proxy=\"" + StackSettings.Group + "\"}");
        try
        {
            using var response = await http.GetAsync(new Uri(StackSettings.Prometheus, "api/v1/query?query=" + query), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Find(string program)
        => ((string[])["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists)
            ?? throw new DemoException($"{program} is not installed (run scripts/setup/{program}.sh; ./build.sh demo does). Nothing more was started.");
}

/// <summary>A reason the demo cannot go on; its message says what and where to look.</summary>
internal sealed class DemoException(string message) : Exception(message);
