using AutoScaling.Testing;
using System.Globalization;

namespace AutoScaling.Integration.Tests;

/// <summary>A real prometheus on 127.0.0.1 scraping one loopback target every second; storage in a temp dir; killed by pid.</summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly string _dir;

    private PrometheusServer(string dir, ChildProcess process, int port)
    {
        _dir = dir;
        Process = process;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public static string? Binary { get; } = Tools.Find("prometheus");

    public ChildProcess Process { get; }

    public Uri Address { get; }

    public static async Task<PrometheusServer> StartAsync(int port, string target)
    {
        var binary = Binary ?? throw new InvalidOperationException("prometheus is not installed (run ./build.sh setup)");
        var dir = Directory.CreateTempSubdirectory("as-e2e-prometheus-").FullName;
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: 'haproxy'
                static_configs:
                  - targets: ['{target}']

            """));
        var process = ChildProcess.Start(
            binary,
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{port}"),
            "--log.level=warn");
        var server = new PrometheusServer(dir, process, port);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };
        var ready = await Tools.WaitUntilAsync(
            async () => process.HasExited || await Tools.AnswersAsync(http, new Uri(server.Address, "-/ready")),
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
        Process.Dispose();
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
