using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AutoScaling.HAProxy.Tests;

/// <summary>
/// A real HTTP backend: <c>busybox httpd -f -p 127.0.0.1:PORT</c>. <c>/</c> answers with the backend's name and
/// <c>/cgi-bin/slow?SECONDS</c> answers after a delay (for drains with a request in flight). Killed by pid.
/// </summary>
internal sealed class BusyboxBackend : IDisposable
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

    public static async Task<BusyboxBackend> StartAsync(string name, int? port = null)
    {
        var root = Directory.CreateTempSubdirectory("as-haproxy-www-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "cgi-bin"));
        await File.WriteAllTextAsync(Path.Combine(root, "index.html"), name + "\n");
        var slow = Path.Combine(root, "cgi-bin", "slow");
        await File.WriteAllTextAsync(slow, "#!/bin/sh\nsleep \"${QUERY_STRING:-1}\"\nprintf 'Content-Type: text/plain\\r\\n\\r\\n" + name + " slow\\n'\n");
        File.SetUnixFileMode(slow, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var p = port ?? TestPorts.Next();
        var start = new ProcessStartInfo(Tools.Busybox!, ["httpd", "-f", "-p", $"127.0.0.1:{p}", "-h", root])
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
