using System.Net.Sockets;
using System.Text;

namespace AutoScaling.Docker.Tests;

/// <summary>
/// A unix-socket relay in front of the real dockerd that can cut the daemon away mid-operation (as if dockerd stopped)
/// and bring it back. The daemon behind it is real; only the path to it is interrupted.
/// </summary>
internal sealed class DockerSocketProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly object _lock = new();
    private readonly Task _accept;
    private volatile Func<string, bool>? _cutWhen;
    private volatile bool _down;

    public DockerSocketProxy(string target = "/var/run/docker.sock")
    {
        _target = target;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"as-docker-proxy-{Guid.NewGuid():N}.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(16);
        _accept = AcceptLoopAsync();
    }

    public string Path { get; }

    public string Host => "unix://" + Path;

    /// <summary>Gets how many requests were cut.</summary>
    public int Cuts { get; private set; }

    /// <summary>Cuts the daemon away when a request's text matches (before it is forwarded), and keeps it away until <see cref="Restore"/>.</summary>
    public void CutWhen(Func<string, bool> request) => _cutWhen = request;

    /// <summary>Cuts the daemon away now.</summary>
    public void Cut()
    {
        _down = true;
        CloseAll();
    }

    /// <summary>Brings the daemon back.</summary>
    public void Restore()
    {
        _cutWhen = null;
        _down = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        CloseAll();
        try
        {
            await _accept;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        File.Delete(Path);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            if (_down)
            {
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var daemon = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        lock (_lock)
        {
            _open.Add(client);
            _open.Add(daemon);
        }

        try
        {
            await daemon.ConnectAsync(new UnixDomainSocketEndPoint(_target), _stop.Token);
            var up = PumpAsync(client, daemon, inspect: true);
            var down = PumpAsync(daemon, client, inspect: false);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            daemon.Dispose();
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(daemon);
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool inspect)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0 || _down)
                {
                    return;
                }

                if (inspect && _cutWhen is { } cut && cut(Encoding.ASCII.GetString(buffer, 0, n)))
                {
                    Cuts++;
                    Cut();
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private void CloseAll()
    {
        lock (_lock)
        {
            foreach (var s in _open)
            {
                try
                {
                    s.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }

                s.Dispose();
            }

            _open.Clear();
        }
    }
}
