using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Docker;

/// <summary>Checks that an instance answers on its port: a TCP connect or an HTTP GET, bounded by a timeout.</summary>
internal sealed class ReadinessProbe : IDisposable
{
    private readonly ReadinessProbeKind _kind;
    private readonly IPAddress _address;
    private readonly string _path;
    private readonly TimeSpan _timeout;
    private readonly HttpClient? _http;

    public ReadinessProbe(ReadinessProbeKind kind, IPAddress address, string path, TimeSpan timeout)
    {
        _kind = kind;
        _address = address;
        _path = path;
        _timeout = timeout;
        if (kind == ReadinessProbeKind.Http)
        {
            _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
        }
    }

    /// <summary>Probes the port; returns null when ready, else why not.</summary>
    public async Task<string?> CheckAsync(int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            switch (_kind)
            {
                case ReadinessProbeKind.Tcp:
                    using (var socket = new Socket(_address.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
                    {
                        await socket.ConnectAsync(new IPEndPoint(_address, port), timeout.Token).ConfigureAwait(false);
                    }

                    return null;
                case ReadinessProbeKind.Http:
                    var host = _address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{_address}]" : _address.ToString();
                    var uri = new Uri(FormattableString.Invariant($"http://{host}:{port}{_path}"));
                    using (var response = await _http!.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                    {
                        var code = (int)response.StatusCode;
                        return code is >= 200 and < 400 ? null : $"HTTP probe {_path} answered {code}";
                    }

                default:
                    return null;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{_kind} probe of port {port} timed out after {_timeout}";
        }
        catch (SocketException e)
        {
            return $"{_kind} probe of port {port}: {e.SocketErrorCode}";
        }
        catch (HttpRequestException e)
        {
            return $"HTTP probe of port {port}: {e.Message}";
        }
    }

    public void Dispose() => _http?.Dispose();
}
