using System.Net.Sockets;

namespace AutoScaling.HAProxy.Tests;

/// <summary>A Unix socket that only counts connections: proves that a refused command never reached any socket.</summary>
internal sealed class RecordingSocket : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public RecordingSocket()
    {
        Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("as-haproxy-rec-").FullName, "rec.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(8);
        _ = AcceptAsync();
    }

    public string Path { get; }

    public int Connections => Volatile.Read(ref _connections);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _stop.Dispose();
        Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
