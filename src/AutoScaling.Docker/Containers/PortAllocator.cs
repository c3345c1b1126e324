using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Docker;

/// <summary>Chooses instance ports from a range: not used by an owned container, not reserved by a provisioning in flight, and free on the host.</summary>
internal sealed class PortAllocator(IPAddress address, int first, int last)
{
    private readonly HashSet<int> _reserved = [];
    private readonly object _lock = new();

    /// <summary>Gets the ports reserved by provisionings in flight.</summary>
    public int ReservedCount
    {
        get
        {
            lock (_lock)
            {
                return _reserved.Count;
            }
        }
    }

    /// <summary>Lists candidate ports in order, skipping <paramref name="used"/> and reserved ones; the caller reserves the one it takes.</summary>
    public IEnumerable<int> Candidates(IReadOnlySet<int> used)
    {
        for (var port = first; port <= last; port++)
        {
            bool reserved;
            lock (_lock)
            {
                reserved = _reserved.Contains(port);
            }

            if (!reserved && !used.Contains(port))
            {
                yield return port;
            }
        }
    }

    /// <summary>Reserves a port; false if it already is.</summary>
    public bool TryReserve(int port)
    {
        lock (_lock)
        {
            return _reserved.Add(port);
        }
    }

    /// <summary>Releases a reservation.</summary>
    public void Release(int port)
    {
        lock (_lock)
        {
            _reserved.Remove(port);
        }
    }

    /// <summary>Whether nothing on the host listens on the port (a bind succeeds).</summary>
    public bool IsFreeOnHost(int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
