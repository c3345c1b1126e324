using System.Net;
using System.Net.Sockets;

namespace AutoScaling.Processes;

/// <summary>Asks a process whether it serves: a TCP connect or an HTTP GET on its port, bounded by a timeout.</summary>
internal sealed class ProcessProbe(ProcessProbeKind kind, IPAddress address, string path, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient? _http = kind == ProcessProbeKind.Http
        ? new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = Timeout.InfiniteTimeSpan }
        : null;

    /// <summary>Probes the port: <see langword="null"/> when the process serves, else why not.</summary>
    public async Task<string?> CheckAsync(int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var endPoint = new IPEndPoint(address, port);
        try
        {
            if (_http is null)
            {
                using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
                return null;
            }

            using var response = await _http.GetAsync(new Uri($"http://{endPoint}{path}"), HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code is >= 200 and < 400 ? null : FormattableString.Invariant($"the HTTP probe of {path} answered {code}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FormattableString.Invariant($"the {kind} probe of {endPoint} did not answer within {timeout}");
        }
        catch (Exception e) when (e is SocketException or HttpRequestException)
        {
            return FormattableString.Invariant($"the {kind} probe of {endPoint} failed: {e.Message}");
        }
    }

    public void Dispose() => _http?.Dispose();
}
