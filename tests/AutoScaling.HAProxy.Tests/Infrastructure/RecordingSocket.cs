using System.Net.Sockets;
using System.Text;

namespace AutoScaling.HAProxy.Tests;

/// <summary>A Unix socket that only counts connections: proves that a refused command never reached any socket.</summary>
internal sealed class RecordingSocket : IDisposable
{
    private static readonly byte[] s_probeMarker = Encoding.ASCII.GetBytes("recording-socket-probe\n");
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<int> _probe = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>Gets the connections accepted so far (a probe included).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>
    /// Connects a probe and returns how many connections were accepted before it. Connections are accepted in the
    /// order they were made, so every connection made before this call is counted: no sleep, no race. Call once.
    /// </summary>
    public async Task<int> ConnectionsBeforeProbeAsync()
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await probe.ConnectAsync(new UnixDomainSocketEndPoint(Path));
        await probe.SendAsync(s_probeMarker);
        return await _probe.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

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
                var socket = await _listener.AcceptAsync(_stop.Token);
                var number = Interlocked.Increment(ref _connections);
                _ = InspectAsync(socket, number, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Reads what a connection sends first: the probe's marker completes the probe; anything else is closed unanswered.</summary>
    private async Task InspectAsync(Socket socket, int number, CancellationToken cancellationToken)
    {
        using (socket)
        {
            try
            {
                var buffer = new byte[s_probeMarker.Length];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(read), cancellationToken);
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                if (buffer.AsSpan().SequenceEqual(s_probeMarker))
                {
                    _probe.TrySetResult(number - 1);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
