using System.Net;
using System.Net.Sockets;

namespace AutoScaling.HAProxy.Tests;

/// <summary>Hands out free loopback ports from this helper's range, 19100-19499.</summary>
internal static class TestPorts
{
    private const int First = 19100;
    private const int Last = 19499;
    private static int s_next = First - 1;

    public static int Next()
    {
        for (var attempt = 0; attempt <= Last - First; attempt++)
        {
            var port = Interlocked.Increment(ref s_next);
            if (port > Last)
            {
                Interlocked.CompareExchange(ref s_next, First - 1, port);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port in 19100-19499.");
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
