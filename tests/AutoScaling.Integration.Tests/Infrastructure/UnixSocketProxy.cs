using System.Net.Sockets;
using System.Text;

namespace AutoScaling.Integration.Tests;

/// <summary>
/// A pass-through between a client and a real Unix socket (HAProxy's runtime API, dockerd) that hands every line the
/// client sends to a callback, so a test counts the commands and requests the library really sends. Nothing is changed.
/// </summary>
internal sealed class UnixSocketProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _target;
    private readonly Action<string> _onLine;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public UnixSocketProxy(string target, Action<string> onLine)
    {
        _target = target;
        _onLine = onLine;
        Directory = System.IO.Directory.CreateTempSubdirectory("as-e2e-proxy-").FullName;
        Path = System.IO.Path.Combine(Directory, "proxy.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(64);
        _accepting = AcceptAsync();
    }

    public string Directory { get; }

    public string Path { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using (client)
        using (var upstream = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            try
            {
                await upstream.ConnectAsync(new UnixDomainSocketEndPoint(_target), _stop.Token);
            }
            catch (SocketException)
            {
                return; // the real socket is gone (haproxy stopped): the client sees the connection close
            }

            // Each direction passes its end of input on (a one-shot runtime API command ends with the client's
            // half-close), so both pumps end when both sides have closed.
            await Task.WhenAll(PumpAsync(client, upstream, true), PumpAsync(upstream, client, false));
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool fromClient)
    {
        var buffer = new byte[16 * 1024];
        var line = new StringBuilder();
        try
        {
            int n;
            while ((n = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
            {
                if (fromClient)
                {
                    foreach (var c in Encoding.Latin1.GetString(buffer, 0, n))
                    {
                        if (c == '\n')
                        {
                            _onLine(line.ToString().TrimEnd('\r'));
                            line.Clear();
                        }
                        else
                        {
                            line.Append(c);
                        }
                    }
                }

                await to.SendAsync(buffer.AsMemory(0, n), _stop.Token);
            }

            if (fromClient && line.Length > 0)
            {
                _onLine(line.ToString());
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
