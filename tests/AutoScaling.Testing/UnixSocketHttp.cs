using System.Net.Sockets;

namespace AutoScaling.Testing;

/// <summary>HTTP over a unix socket (dockerd's API), for tests that talk to the daemon directly.</summary>
public static class UnixSocketHttp
{
    /// <summary>A handler whose every connection goes to <paramref name="socketPath"/> (no proxy).</summary>
    public static SocketsHttpHandler CreateHandler(string socketPath) => new()
    {
        UseProxy = false,
        ConnectCallback = async (_, token) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
