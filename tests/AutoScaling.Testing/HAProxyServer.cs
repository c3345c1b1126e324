using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace AutoScaling.Testing;

/// <summary>
/// A real haproxy started by a test: a generated config in a temp dir, the runtime API on
/// <c>&lt;dir&gt;/haproxy.sock</c> (level admin), one loopback frontend <c>fe_NAME</c> per backend, optional extra
/// sections (an exporter, an origin); <c>-db</c> in the foreground as our child, killed by pid.
/// </summary>
public sealed class HAProxyServer : IDisposable, IAsyncDisposable
{
    /// <summary>What to run when haproxy is missing.</summary>
    public const string HowToInstall = "haproxy is not installed (run: bash scripts/setup/haproxy.sh, or ./build.sh setup)";

    private HAProxyServer(string directory, ChildProcess process, IReadOnlyDictionary<string, int> frontends)
    {
        Directory = directory;
        Process = process;
        Frontends = frontends;
    }

    /// <summary>Gets haproxy's path, or <see langword="null"/> when it is not installed.</summary>
    public static string? Binary => Tools.HAProxy;

    /// <summary>Gets the temp dir holding the config and the runtime API socket.</summary>
    public string Directory { get; }

    /// <summary>Gets the runtime API's unix socket.</summary>
    public string SocketPath => Path.Combine(Directory, "haproxy.sock");

    /// <summary>Gets the haproxy process.</summary>
    public ChildProcess Process { get; private set; }

    /// <summary>Gets haproxy's output so far (for failure messages).</summary>
    public string Output => Process.Output;

    /// <summary>Gets the loopback port of each backend's frontend, by backend name.</summary>
    public IReadOnlyDictionary<string, int> Frontends { get; }

    /// <summary>The section of haproxy's built-in Prometheus exporter on <c>127.0.0.1:PORT/metrics</c>.</summary>
    /// <param name="port">The port.</param>
    /// <returns>The config section.</returns>
    public static string ExporterSection(int port) => string.Create(CultureInfo.InvariantCulture, $$"""
        frontend exporter
          bind 127.0.0.1:{{port}}
          http-request use-service prometheus-exporter if { path /metrics }

        """);

    /// <summary>Starts haproxy with one frontend per backend; every backend uses <c>balance roundrobin</c> and the lines given for it.</summary>
    /// <param name="backends">Backend name → its body lines (servers, templates), may be empty.</param>
    /// <param name="frontendPort">The loopback port of a backend's frontend.</param>
    /// <param name="extraGlobal">Lines added to the <c>global</c> section (another <c>stats socket</c>).</param>
    /// <param name="extraSections">Sections appended to the config (<see cref="ExporterSection"/>, an origin frontend).</param>
    /// <returns>The running haproxy, its runtime API answering.</returns>
    public static async Task<HAProxyServer> StartAsync(IReadOnlyDictionary<string, string> backends, Func<string, int> frontendPort, string? extraGlobal = null, string? extraSections = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(frontendPort);
        var binary = Binary ?? throw new InvalidOperationException(HowToInstall);
        var dir = System.IO.Directory.CreateTempSubdirectory("as-haproxy-").FullName;
        var config = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"""
            global
              stats socket {dir}/haproxy.sock mode 600 level admin
              stats timeout 30s
              maxconn 4096
              {extraGlobal ?? string.Empty}
            defaults
              mode http
              timeout connect 2s
              timeout client 30s
              timeout server 30s
              timeout queue 10s
              retries 3
              option redispatch 1
              retry-on conn-failure empty-response

            """));
        var frontends = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, body) in backends)
        {
            var port = frontendPort(name);
            frontends[name] = port;
            config.Append(CultureInfo.InvariantCulture, $"frontend fe_{name}\n  bind 127.0.0.1:{port}\n  default_backend {name}\n");
            config.Append(CultureInfo.InvariantCulture, $"backend {name}\n  balance roundrobin\n");
            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                config.Append("  ").Append(line).Append('\n');
            }
        }

        config.Append(extraSections);
        var file = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(file, config.ToString());
        var server = new HAProxyServer(dir, ChildProcess.Start(binary, "-f", file, "-db"), frontends);
        var up = await Tools.WaitUntilAsync(async () => server.Process.HasExited || await server.AnswersAsync(), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        if (!up || server.Process.HasExited)
        {
            var output = server.Output;
            server.Dispose();
            throw new InvalidOperationException($"haproxy did not answer on {server.SocketPath} within 10 s: {output}");
        }

        return server;
    }

    /// <summary>
    /// Kills haproxy by pid (SIGKILL: its dynamic servers are lost), waits <paramref name="downtime"/> (none by default),
    /// and starts it again on the same config, socket and ports.
    /// </summary>
    /// <param name="downtime">How long it stays down.</param>
    /// <returns>The new process's pid.</returns>
    public async Task<int> RestartAsync(TimeSpan downtime = default)
    {
        var binary = Binary ?? throw new InvalidOperationException(HowToInstall);
        Process.Kill();
        Process.Dispose();
        File.Delete(SocketPath);
        if (downtime > TimeSpan.Zero)
        {
            await Task.Delay(downtime);
        }

        Process = ChildProcess.Start(binary, "-f", Path.Combine(Directory, "haproxy.cfg"), "-db");
        var up = await Tools.WaitUntilAsync(async () => Process.HasExited || await AnswersAsync(), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        return up && !Process.HasExited ? Process.Pid : throw new InvalidOperationException($"haproxy did not restart: {Output}");
    }

    /// <summary>Runs one runtime API command over the unix socket and returns the reply.</summary>
    /// <param name="command">The command, without the newline.</param>
    /// <returns>The reply.</returns>
    public async Task<string> CommandAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), timeout.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), timeout.Token);
        var text = new StringBuilder();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, timeout.Token)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    /// <summary>Names of the servers of <paramref name="backend"/> (<c>show servers state</c>).</summary>
    /// <param name="backend">The backend.</param>
    /// <returns>The server names.</returns>
    public async Task<List<string>> ServersAsync(string backend)
    {
        // "1\n# be_id be_name srv_id srv_name srv_addr ...\n3 web 1 as-127.0.0.1-18610 127.0.0.1 2 ..."
        var reply = await CommandAsync("show servers state " + backend);
        return [.. reply.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 4 && f[1] == backend)
            .Select(f => f[3])];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> AnswersAsync()
    {
        if (!File.Exists(SocketPath))
        {
            return false;
        }

        try
        {
            return (await CommandAsync("show info")).Contains("Name:", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
