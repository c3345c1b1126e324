using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AutoScaling.Samples.Tests.CustomSource;

/// <summary>The application's side: an HTTP endpoint on 127.0.0.1 (ports 19985-19999) answering a fixed status and body.</summary>
internal sealed class NumberEndpoint : IDisposable
{
    private static int s_next = -1;
    private readonly HttpListener _listener;
    private readonly Task _loop;

    private NumberEndpoint(HttpListener listener, int port, HttpStatusCode status, string body)
    {
        _listener = listener;
        Url = $"http://127.0.0.1:{port}/value";
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                context.Response.StatusCode = (int)status;
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    public string Url { get; }

    public static NumberEndpoint Start(HttpStatusCode status, string body)
    {
        // Each endpoint on the next port, not the first free one: HttpListener shares one socket per port in the process,
        // and a request sent right after the previous endpoint closed on the same port could reach the closing one (CI).
        for (var attempt = 0; attempt < 15; attempt++)
        {
            var port = 19985 + (Interlocked.Increment(ref s_next) % 15);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new NumberEndpoint(listener, port, status, body);
            }
            catch (HttpListenerException)
            {
                ((IDisposable)listener).Dispose();
            }
        }

        throw new InvalidOperationException("No free port in 19985-19999.");
    }

    /// <summary>A loopback port nothing listens on (bound, then released), for a refused connection.</summary>
    public static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
