using AutoScaling.Testing;
using System.Globalization;

namespace AutoScaling.Prometheus.Tests;

/// <summary>
/// A real haproxy on 127.0.0.1: frontend <c>web</c> → backend <c>web</c> → an origin frontend that answers 200 itself,
/// and its built-in Prometheus exporter on <see cref="ExporterPort"/>.
/// </summary>
internal sealed class HAProxyServer : IDisposable
{
    private readonly string _dir;
    private readonly ChildProcess _process;

    private HAProxyServer(string dir, ChildProcess process, int exporterPort, int webPort)
    {
        _dir = dir;
        _process = process;
        ExporterPort = exporterPort;
        WebPort = webPort;
    }

    public static string? Binary { get; } = Tools.Find("haproxy") ?? (File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : null);

    public int ExporterPort { get; }

    public int WebPort { get; }

    public static async Task<HAProxyServer> StartAsync(int exporterPort, int webPort, int originPort)
    {
        var binary = Binary ?? throw new InvalidOperationException("haproxy is not installed (run: bash scripts/setup/prometheus.sh)");
        var dir = Directory.CreateTempSubdirectory("autoscaling-haproxy-").FullName;
        var config = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            defaults
              mode http
              timeout connect 1s
              timeout client 5s
              timeout server 5s
            frontend stats
              bind 127.0.0.1:{exporterPort}
              http-request use-service prometheus-exporter if {"{"} path /metrics {"}"}
            frontend web
              bind 127.0.0.1:{webPort}
              default_backend web
            backend web
              server origin 127.0.0.1:{originPort}
            frontend origin
              bind 127.0.0.1:{originPort}
              http-request return status 200 content-type text/plain string ok

            """));
        var process = ChildProcess.Start(binary, "-f", config, "-db");
        var server = new HAProxyServer(dir, process, exporterPort, webPort);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var up = await Tools.WaitUntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    return true;
                }

                try
                {
                    return (await http.GetAsync($"http://127.0.0.1:{exporterPort}/metrics")).IsSuccessStatusCode;
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
            TimeSpan.FromSeconds(10));
        if (!up || process.HasExited)
        {
            var output = process.Output;
            server.Dispose();
            throw new InvalidOperationException($"haproxy did not start: {output}");
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
    }
}
