using System.Diagnostics;
using System.Text;

namespace AutoScaling.HAProxy.Tests;

/// <summary>
/// A real haproxy started by a test class: a generated config in a temp dir, the runtime API on
/// <c>&lt;tmp&gt;/haproxy.sock</c>, frontends on loopback ports, <c>-db</c> in the foreground as our child, killed by pid.
/// </summary>
internal sealed class HAProxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private HAProxyProcess(string dir, Process process, StringBuilder output, IReadOnlyDictionary<string, int> frontends)
    {
        Directory = dir;
        _process = process;
        _output = output;
        Frontends = frontends;
    }

    public string Directory { get; }

    public string SocketPath => Path.Combine(Directory, "haproxy.sock");

    public IReadOnlyDictionary<string, int> Frontends { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public HAProxyRuntimeClient Client() => new(HAProxyEndpoint.Unix(SocketPath), TimeSpan.FromSeconds(5));

    /// <summary>Starts haproxy with one frontend per backend (<c>name → body lines</c>); every backend uses <c>balance roundrobin</c>.</summary>
    public static async Task<HAProxyProcess> StartAsync(IReadOnlyDictionary<string, string> backends, string? extraGlobal = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("as-haproxy-").FullName;
        var config = new StringBuilder();
        config.Append(CultureInvariant($"""
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
        config.Append('\n');
        var frontends = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, body) in backends)
        {
            var port = TestPorts.Next();
            frontends[name] = port;
            config.Append(CultureInvariant($"frontend fe_{name}\n  bind 127.0.0.1:{port}\n  default_backend {name}\n"));
            config.Append(CultureInvariant($"backend {name}\n  balance roundrobin\n"));
            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                config.Append("  ").Append(line).Append('\n');
            }
        }

        var file = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(file, config.ToString());
        var output = new StringBuilder();
        var start = new ProcessStartInfo(Tools.HAProxy!, ["-f", file, "-db"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var haproxy = new HAProxyProcess(dir, process, output, frontends);
        await haproxy.WaitReadyAsync(backends.Keys.First());
        return haproxy;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    private async Task WaitReadyAsync(string backend)
    {
        var client = Client();
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited: {Output}");
            }

            if (File.Exists(SocketPath))
            {
                try
                {
                    await client.ExecuteAsync(HAProxyCommand.ShowServersState(backend), CancellationToken.None);
                    return;
                }
                catch (HAProxyRuntimeException)
                {
                }
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"haproxy did not answer on {SocketPath} within 5 s: {Output}");
    }
}
