using System.Net.Sockets;
using System.Text;

namespace AutoScaling.HAProxy.Tests;

/// <summary>
/// A Unix socket that answers each connection with the next canned <c>show stat</c> reply, in HAProxy 2.6's format.
/// Only for the per-instance contract, whose values (7.5 at a fixed address) real servers cannot be made to report.
/// </summary>
internal sealed class CannedStatsSocket : IDisposable
{
    private const string Header = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,status,weight,type,req_tot,rtime,addr";
    private readonly Socket _listener;
    private readonly Queue<string> _replies;

    public CannedStatsSocket(params string[] replies)
    {
        _replies = new Queue<string>(replies);
        Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("as-haproxy-canned-").FullName, "stat.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(8);
        _ = ServeAsync();
    }

    public string Path { get; }

    /// <summary>A reply for backend <c>web</c>: its row, then one server row per address with that <c>req_tot</c>.</summary>
    public static string Reply(long backendRequests, IEnumerable<(string Address, long Requests)> servers)
    {
        var text = new StringBuilder(Header).Append('\n');
        var i = 0;
        foreach (var (address, requests) in servers)
        {
            text.Append($"web,srv{++i},0,0,0,0,,{requests},UP,1,2,{requests},3,{address}\n");
        }

        return text.Append($"web,BACKEND,0,0,0,0,,{backendRequests},UP,1,1,{backendRequests},3,\n\n").ToString();
    }

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptAsync();
                var buffer = new byte[256];
                await client.ReceiveAsync(buffer);
                var reply = _replies.Count > 1 ? _replies.Dequeue() : _replies.Peek();
                await client.SendAsync(Encoding.ASCII.GetBytes(reply));
                client.Shutdown(SocketShutdown.Both);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
