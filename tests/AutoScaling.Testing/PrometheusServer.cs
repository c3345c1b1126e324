using System.Globalization;

namespace AutoScaling.Testing;

/// <summary>A real prometheus on 127.0.0.1, with a generated config (1 s scrapes of loopback targets) and storage in a temp dir; killed by pid.</summary>
public sealed class PrometheusServer : IDisposable
{
    private readonly string _dir;
    private readonly string[] _args;
    private ChildProcess _process;

    private PrometheusServer(string dir, ChildProcess process, string[] args, int port, bool tls)
    {
        _dir = dir;
        _process = process;
        _args = args;
        Port = port;
        Address = new Uri($"{(tls ? "https" : "http")}://127.0.0.1:{port}/");
    }

    /// <summary>What to run when prometheus is missing.</summary>
    public const string HowToInstall = "prometheus is not installed (run: bash scripts/setup/prometheus.sh, or ./build.sh setup)";

    /// <summary>Gets prometheus' path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Binary => Tools.Prometheus;

    /// <summary>Gets the port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Gets its base address (<c>https</c> with a web config).</summary>
    public Uri Address { get; }

    /// <summary>Gets the temp dir holding the config and the storage.</summary>
    public string Directory => _dir;

    /// <summary>Gets the prometheus process.</summary>
    public ChildProcess Process => _process;

    /// <summary>Starts prometheus scraping <paramref name="targets"/> (<c>host:port</c>, jobs <c>target0</c>, <c>target1</c>…) every second.</summary>
    /// <param name="port">The port on 127.0.0.1.</param>
    /// <param name="targets">The scrape targets.</param>
    /// <returns>The ready server.</returns>
    public static Task<PrometheusServer> StartAsync(int port, params string[] targets) => StartAsync(port, targets, null);

    /// <summary>Starts prometheus; <paramref name="webConfig"/> writes files into the temp dir and returns the web config YAML (TLS, basic auth).</summary>
    /// <param name="port">The port on 127.0.0.1.</param>
    /// <param name="targets">The scrape targets.</param>
    /// <param name="webConfig">Writes the web config's files into the given dir and returns its YAML, or <see langword="null"/>.</param>
    /// <returns>The ready server.</returns>
    public static async Task<PrometheusServer> StartAsync(int port, string[] targets, Func<string, string>? webConfig)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var binary = Binary ?? throw new InvalidOperationException(HowToInstall);
        var dir = System.IO.Directory.CreateTempSubdirectory("autoscaling-prometheus-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        var jobs = string.Concat(targets.Select((t, i) => string.Create(
            CultureInfo.InvariantCulture,
            $"  - job_name: 'target{i}'\n    static_configs:\n      - targets: ['{t}']\n")));
        var yaml = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
            + (targets.Length == 0 ? string.Empty : "scrape_configs:\n" + jobs);
        await File.WriteAllTextAsync(config, yaml);

        var args = new List<string>
        {
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{port}"),
            "--log.level=warn",
        };
        if (webConfig is not null)
        {
            var web = Path.Combine(dir, "web.yml");
            await File.WriteAllTextAsync(web, webConfig(dir));
            args.Add("--web.config.file=" + web);
        }

        var process = ChildProcess.Start(binary, [.. args]);
        var server = new PrometheusServer(dir, process, [.. args], port, webConfig is not null);
        await server.WaitReadyAsync(webConfig is not null);
        return server;
    }

    /// <summary>
    /// Kills prometheus by pid (SIGKILL), waits <paramref name="downtime"/>, then starts it again with the same arguments:
    /// the same port, config and storage (the samples written before the kill are replayed from its WAL).
    /// </summary>
    /// <param name="downtime">How long it stays down.</param>
    /// <returns>The new process's pid, once it answers <c>/-/ready</c>.</returns>
    public async Task<int> RestartAsync(TimeSpan downtime)
    {
        var binary = Binary ?? throw new InvalidOperationException(HowToInstall);
        _process.Kill();
        _process.Dispose();
        await Task.Delay(downtime);
        _process = ChildProcess.Start(binary, _args);
        await WaitReadyAsync(webConfig: Address.Scheme == Uri.UriSchemeHttps);
        return _process.Pid;
    }

    private async Task WaitReadyAsync(bool webConfig)
    {
        var process = _process;
        var server = this;
#pragma warning disable CA5359 // readiness probe of a test server with a generated certificate
        using var http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(1) };
#pragma warning restore CA5359
        var ready = await Tools.WaitUntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    return true;
                }

                try
                {
                    // With a web config (auth), any HTTP answer means it is up.
                    using var response = await http.GetAsync(new Uri(server.Address, "-/ready"));
                    return response.IsSuccessStatusCode || webConfig;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(20));
        if (!ready || process.HasExited)
        {
            var output = process.Output;
            server.Dispose();
            throw new InvalidOperationException($"prometheus on 127.0.0.1:{Port} did not become ready: {output}");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
