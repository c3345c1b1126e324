using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Testing;

/// <summary>
/// A real HTTP backend: <c>busybox httpd -f -p 127.0.0.1:PORT</c>. <c>/</c> answers with the backend's name and
/// <c>/cgi-bin/slow?SECONDS</c> answers after a delay (for drains with a request in flight). Killed by pid.
/// </summary>
public sealed class BusyboxBackend : IDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private BusyboxBackend(string name, int port, Process process, string root)
    {
        Name = name;
        Port = port;
        _process = process;
        _root = root;
    }

    public string Name { get; }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public string Address => $"127.0.0.1:{Port}";

    public bool IsRunning => !_process.HasExited;

    /// <summary>
    /// Gets a value indicating whether a request is being served now: <c>httpd -f</c> forks a child per connection
    /// (and the CGI under it), so any child of the httpd process is a connection it has accepted.
    /// </summary>
    public bool IsServing
    {
        get
        {
            try
            {
                return File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children").Trim().Length > 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false; // gone
            }
        }
    }

    /// <summary>Starts <c>busybox httpd</c> on 127.0.0.1:<paramref name="port"/> and waits until it listens.</summary>
    /// <param name="name">What <c>/</c> answers.</param>
    /// <param name="port">The loopback port (from the suite's <see cref="PortRange"/>).</param>
    /// <returns>The running backend.</returns>
    public static async Task<BusyboxBackend> StartAsync(string name, int port)
    {
        var root = Directory.CreateTempSubdirectory("as-haproxy-www-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "cgi-bin"));
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), name + "\n");
        var slow = Path.Combine(root, "cgi-bin", "slow");
        await File.WriteAllTextAsync(slow, "#!/bin/sh\nsleep \"${QUERY_STRING:-1}\"\nprintf 'Content-Type: text/plain\\r\\n\\r\\n" + name + " slow\\n'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(slow, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var p = port;
        var start = new ProcessStartInfo(Tools.Busybox ?? throw new InvalidOperationException("busybox is not installed (run: bash scripts/setup/haproxy.sh or scripts/setup/nginx.sh)"), ["httpd", "-f", "-p", $"127.0.0.1:{p}", "-h", root])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("busybox httpd did not start");
        var backend = new BusyboxBackend(name, p, process, root);
        await backend.WaitListeningAsync();
        return backend;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true); // httpd and its CGI children, by pid
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"busybox httpd on port {Port} exited: {await _process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException($"busybox httpd on port {Port} did not listen within 2 s.");
    }
}
