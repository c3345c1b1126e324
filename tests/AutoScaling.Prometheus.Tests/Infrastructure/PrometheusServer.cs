using System.Globalization;

namespace AutoScaling.Prometheus.Tests;

/// <summary>A real prometheus on 127.0.0.1, with a generated config (1 s scrapes of loopback targets) and storage in a temp dir.</summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly string _dir;
    private readonly ChildProcess _process;

    private PrometheusServer(string dir, ChildProcess process, int port)
    {
        _dir = dir;
        _process = process;
        Port = port;
    }

    public static string? Binary { get; } = Tools.Find("prometheus");

    public const string HowToInstall = "prometheus is not installed (run: bash scripts/setup/prometheus.sh)";

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public ChildProcess Process => _process;

    public static async Task<PrometheusServer> StartAsync(int port, params string[] targets)
    {
        var binary = Binary ?? throw new InvalidOperationException(HowToInstall);
        var dir = Directory.CreateTempSubdirectory("autoscaling-prometheus-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        var jobs = string.Concat(targets.Select((t, i) => string.Create(
            CultureInfo.InvariantCulture,
            $"  - job_name: 'target{i}'\n    static_configs:\n      - targets: ['{t}']\n")));
        var yaml = "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n"
            + (targets.Length == 0 ? string.Empty : "scrape_configs:\n" + jobs);
        await File.WriteAllTextAsync(config, yaml);

        var process = ChildProcess.Start(
            binary,
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{port}"),
            "--log.level=warn");
        var server = new PrometheusServer(dir, process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var ready = await Tools.WaitUntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    return true;
                }

                try
                {
                    return (await http.GetAsync(new Uri(server.Address, "-/ready"))).IsSuccessStatusCode;
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
            throw new InvalidOperationException($"prometheus on 127.0.0.1:{port} did not become ready: {output}");
        }

        return server;
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
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
