using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Testing;

/// <summary>Hands out free loopback ports from one suite's range (HAProxy 19100-19499, NGINX 19600-19699), so suites running side by side never share a port.</summary>
/// <param name="first">The first port of the range.</param>
/// <param name="last">The last port of the range.</param>
public sealed class PortRange(int first, int last)
{
    private int _next = first - 1;

    /// <summary>Gets the next port of the range nothing listens on, wrapping around at the end.</summary>
    /// <returns>The port.</returns>
    public int Next()
    {
        for (var attempt = 0; attempt <= last - first; attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > last)
            {
                Interlocked.CompareExchange(ref _next, first - 1, port);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port in {first}-{last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
