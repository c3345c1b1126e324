using System.Net.Sockets;
using System.Text;

namespace AutoScaling.Docker.Tests;

/// <summary>
/// A unix-socket relay in front of the real dockerd that can cut the daemon away mid-operation (as if dockerd stopped)
/// and bring it back, or pretend the daemon speaks another API version range. The daemon behind it is real; only the
/// path to it is interrupted or rewritten.
/// </summary>
internal sealed partial class DockerSocketProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _open = [];
    private readonly object _lock = new();
    private readonly Task _accept;
    private volatile Func<string, bool>? _cutWhen;
    private volatile bool _down;
    private volatile ApiRange? _pretend;

    public DockerSocketProxy(string target = "/var/run/docker.sock")
    {
        _target = target;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"as-docker-proxy-{Guid.NewGuid():N}.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(16);
        _accept = AcceptLoopAsync();
    }

    public string Path { get; }

    public string Host => "unix://" + Path;

    /// <summary>Gets how many requests were cut.</summary>
    public int Cuts { get; private set; }

    /// <summary>Gets the request lines seen (method, path, protocol), in order.</summary>
    public List<string> RequestLines { get; } = [];

    /// <summary>
    /// From now on answers <c>/version</c> and <c>/_ping</c> itself as a daemon speaking API <paramref name="min"/> to
    /// <paramref name="max"/>, and rewrites every other versioned path (<c>/v1.NN/…</c>) to <paramref name="real"/>, the
    /// version the daemon behind speaks, so the real daemon serves the call.
    /// </summary>
    public void PretendApiRange(string min, string max, string real) => _pretend = new ApiRange(min, max, real);

    /// <summary>Cuts the daemon away when a request's text matches (before it is forwarded), and keeps it away until <see cref="Restore"/>.</summary>
    public void CutWhen(Func<string, bool> request) => _cutWhen = request;

    /// <summary>Cuts the daemon away now.</summary>
    public void Cut()
    {
        _down = true;
        CloseAll();
    }

    /// <summary>Brings the daemon back.</summary>
    public void Restore()
    {
        _cutWhen = null;
        _down = false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        CloseAll();
        try
        {
            await _accept;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        File.Delete(Path);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            if (_down)
            {
                client.Dispose();
                continue;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var daemon = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        lock (_lock)
        {
            _open.Add(client);
            _open.Add(daemon);
        }

        try
        {
            await daemon.ConnectAsync(new UnixDomainSocketEndPoint(_target), _stop.Token);
            var up = PumpAsync(client, daemon, inspect: true);
            var down = PumpAsync(daemon, client, inspect: false);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Dispose();
            daemon.Dispose();
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(daemon);
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool inspect)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0 || _down)
                {
                    return;
                }

                var chunk = buffer.AsMemory(0, n);
                if (inspect)
                {
                    var text = Encoding.Latin1.GetString(buffer, 0, n); // byte for byte, so a rewritten chunk keeps its body
                    if (_cutWhen is { } cut && cut(text))
                    {
                        Cuts++;
                        Cut();
                        return;
                    }

                    if (RequestLine(text) is { } line)
                    {
                        lock (_lock)
                        {
                            RequestLines.Add(line);
                        }

                        if (_pretend is { } range)
                        {
                            if (range.Answer(line) is { } answer)
                            {
                                await from.SendAsync(answer, SocketFlags.None, _stop.Token);
                                continue;
                            }

                            chunk = range.Rewrite(text, line);
                        }
                    }
                }

                await to.SendAsync(chunk, SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static string? RequestLine(string text)
    {
        var end = text.IndexOf("\r\n", StringComparison.Ordinal);
        return end > 0 && text.AsSpan(0, end).EndsWith(" HTTP/1.1", StringComparison.Ordinal) ? text[..end] : null;
    }

    private void CloseAll()
    {
        lock (_lock)
        {
            foreach (var s in _open)
            {
                try
                {
                    s.Shutdown(SocketShutdown.Both);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }

                s.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>An API version range to pretend: <c>/version</c> and <c>/_ping</c> answered here, other paths rewritten to <see cref="Real"/>.</summary>
    private sealed partial record ApiRange(string Min, string Max, string Real)
    {
        public byte[]? Answer(string line)
        {
            var path = VersionPrefix().Replace(line.Split(' ')[1], "/");
            var query = path.IndexOf('?', StringComparison.Ordinal);
            path = query < 0 ? path : path[..query];
            var body = path switch
            {
                "/version" => $$"""{"Version":"pretend","ApiVersion":"{{Max}}","MinAPIVersion":"{{Min}}","Os":"linux","Arch":"amd64"}""",
                "/_ping" => "OK",
                _ => null,
            };
            if (body is null)
            {
                return null;
            }

            var type = path == "/_ping" ? "text/plain" : "application/json";
            return Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nApi-Version: {Max}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        }

        public byte[] Rewrite(string text, string line)
            => Encoding.Latin1.GetBytes(VersionPrefix().Replace(line, $"/v{Real}/", 1) + text[line.Length..]);

        [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\s)/v[0-9]+\.[0-9]+/")]
        private static partial System.Text.RegularExpressions.Regex VersionPrefix();
    }
}
