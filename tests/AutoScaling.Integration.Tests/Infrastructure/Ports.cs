using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Integration.Tests;

/// <summary>Free loopback ports of this suite's range (18600-18709; the NGINX stack takes 18690-18709). Programs and polling: <see cref="AutoScaling.Testing.Tools"/>.</summary>
internal static class Ports
{
    /// <summary>The first port in [<paramref name="first"/>, <paramref name="last"/>] that binds on 127.0.0.1 and is not in <paramref name="taken"/>.</summary>
    public static int FreePort(int first, int last, ICollection<int> taken)
    {
        for (var port = first; port <= last; port++)
        {
            if (taken.Contains(port))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
                taken.Add(port);
                return port;
            }
            catch (SocketException)
            {
                // in use
            }
        }

        throw new InvalidOperationException($"no free port on 127.0.0.1 in {first}-{last}");
    }

    public static bool IsListening(int port) => AutoScaling.Testing.Tools.IsListening(port);
}
