using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Docker;

/// <summary>
/// Chooses instance ports from a range, in turn: the search starts after the port handed out last and wraps around, so a
/// port that was just given up (its instance removed, its start failed) is not taken again at once. Skips the ports of
/// the group's containers seen at the last listing and those reserved by provisionings in flight.
/// </summary>
internal sealed class PortAllocator
{
    private readonly IPAddress _address;
    private readonly int _first;
    private readonly int _last;
    private readonly HashSet<int> _reserved = [];
    private readonly object _lock = new();
    private HashSet<int> _listed = [];
    private int _next;

    public PortAllocator(IPAddress address, int first, int last)
    {
        _address = address;
        _first = first;
        _last = last;
        _next = first;
    }

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

    /// <summary>Records the ports of the group's containers as the daemon listed them (values outside the range are ignored).</summary>
    public void Observe(IEnumerable<int> ports)
    {
        var listed = new HashSet<int>(ports.Where(p => p >= _first && p <= _last));
        lock (_lock)
        {
            _listed = listed;
        }
    }

    /// <summary>Lists candidate ports in turn from after the last one handed out, skipping listed and reserved ones; the caller reserves the one it takes.</summary>
    public IEnumerable<int> Candidates()
    {
        int start;
        lock (_lock)
        {
            start = _next;
        }

        var count = _last - _first + 1;
        for (var i = 0; i < count; i++)
        {
            var port = _first + ((start - _first + i) % count);
            bool taken;
            lock (_lock)
            {
                taken = _reserved.Contains(port) || _listed.Contains(port);
            }

            if (!taken)
            {
                yield return port;
            }
        }
    }

    /// <summary>Reserves a port; false if it already is. The next search starts after it.</summary>
    public bool TryReserve(int port)
    {
        lock (_lock)
        {
            if (!_reserved.Add(port))
            {
                return false;
            }

            _listed.Add(port);
            _next = port == _last ? _first : port + 1;
            return true;
        }
    }

    /// <summary>Releases a reservation (the port stays known as used until the next listing says otherwise).</summary>
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
        using var socket = new Socket(_address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(_address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
