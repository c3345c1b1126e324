using AutoScaling.Testing;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AutoScaling.Integration.Tests;

/// <summary>
/// A real haproxy on loopback for the classic stack: frontend on <see cref="FrontendPort"/> → backend <c>web</c>
/// (<c>balance roundrobin</c>, no servers: the library adds them), the Prometheus exporter on <see cref="ExporterPort"/>,
/// the runtime API on a unix socket in a temp dir. Runs in the foreground as our child and is killed by pid.
/// </summary>
internal sealed class HAProxyServer : IDisposable
{
    private readonly string _dir;

    private HAProxyServer(string dir, ChildProcess process, int frontendPort, int exporterPort)
    {
        _dir = dir;
        Process = process;
        FrontendPort = frontendPort;
        ExporterPort = exporterPort;
    }

    public static string? Binary { get; } = Tools.Find("haproxy");

    public ChildProcess Process { get; private set; }

    public int FrontendPort { get; }

    public int ExporterPort { get; }

    public string SocketPath => Path.Combine(_dir, "haproxy.sock");

    public static async Task<HAProxyServer> StartAsync(int frontendPort, int exporterPort)
    {
        var binary = Binary ?? throw new InvalidOperationException("haproxy is not installed (run ./build.sh setup)");
        var dir = Directory.CreateTempSubdirectory("as-e2e-haproxy-").FullName;
        var config = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            global
              stats socket {{dir}}/haproxy.sock mode 600 level admin
              stats timeout 30s
              maxconn 4096
            defaults
              mode http
              timeout connect 2s
              timeout client 30s
              timeout server 30s
              timeout queue 10s
              retries 3
              option redispatch 1
              retry-on conn-failure empty-response
            frontend exporter
              bind 127.0.0.1:{{exporterPort}}
              http-request use-service prometheus-exporter if { path /metrics }
            frontend fe_web
              bind 127.0.0.1:{{frontendPort}}
              default_backend web
            backend web
              balance roundrobin

            """));
        var server = new HAProxyServer(dir, ChildProcess.Start(binary, "-f", config, "-db"), frontendPort, exporterPort);
        if (!await server.WaitUpAsync())
        {
            var output = server.Process.Output;
            server.Dispose();
            throw new InvalidOperationException($"haproxy did not start: {output}");
        }

        return server;
    }

    /// <summary>Kills haproxy by pid (SIGKILL: dynamic servers are lost) and starts it again on the same config and socket.</summary>
    /// <returns>The new process's pid.</returns>
    public async Task<int> RestartAsync()
    {
        Kill();
        Process.Dispose();
        File.Delete(SocketPath);
        Process = ChildProcess.Start(Binary!, "-f", Path.Combine(_dir, "haproxy.cfg"), "-db");
        if (!await WaitUpAsync())
        {
            throw new InvalidOperationException($"haproxy did not restart: {Process.Output}");
        }

        return Process.Pid;
    }

    /// <summary>Kills haproxy by pid and waits until it has exited.</summary>
    public void Kill() => Process.Kill();

    private async Task<bool> WaitUpAsync()
    {
        var process = Process;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(1) };
        var up = await Tools.WaitUntilAsync(
            async () => process.HasExited
                || (File.Exists(SocketPath) && await Tools.AnswersAsync(http, new Uri($"http://127.0.0.1:{ExporterPort}/metrics"))),
            TimeSpan.FromSeconds(10));
        return up && !process.HasExited;
    }

    /// <summary>Names of the servers of backend <c>web</c> (<c>show servers state web</c> on the runtime API).</summary>
    public async Task<List<string>> ServersAsync()
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        await socket.SendAsync(Encoding.ASCII.GetBytes("show servers state web\n"));
        var text = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        // "1\n# be_id be_name srv_id srv_name srv_addr ...\n3 web 1 as-127.0.0.1-18610 127.0.0.1 2 ..."
        return text.ToString().Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 4 && f[1] == "web")
            .Select(f => f[3])
            .ToList();
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
    }
}
