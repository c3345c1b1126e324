using System.Buffers;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus;

/// <summary>A small HTTP listener (<see cref="HttpListener"/>) that serves <see cref="PrometheusMetricsCollector"/> on <see cref="PrometheusExporterOptions.Url"/>, for hosts without ASP.NET Core.</summary>
internal sealed partial class PrometheusMetricsListener : IHostedService, IDisposable
{
    private readonly PrometheusMetricsCollector _collector;
    private readonly ILogger _logger;
    private readonly string _url;
    private readonly ListenerAddress _address;
    private HttpListener? _listener;
    private Task? _loop;

    public PrometheusMetricsListener(PrometheusMetricsCollector collector, IOptions<PrometheusExporterOptions> options, ILogger<PrometheusMetricsListener>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(options);
        _collector = collector;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _url = options.Value.Url;
        if (!ListenerAddress.TryParse(_url, out _address))
        {
            throw new ArgumentException($"AutoScaling Prometheus exporter: Url is {ValidationMessages.Quote(_url)}; it must be http://HOST:PORT/PATH.", nameof(options));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add(_address.Prefix);
        try
        {
            listener.Start();
        }
        catch (HttpListenerException ex)
        {
            listener.Close();
            throw new InvalidOperationException($"AutoScaling Prometheus exporter: cannot listen on '{_url}': {ex.Message}", ex);
        }

        _listener = listener;
        _loop = Task.Run(() => ServeAsync(listener), CancellationToken.None);
        Log.Listening(_logger, _url);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var listener = Interlocked.Exchange(ref _listener, null);
        if (listener is null)
        {
            return;
        }

        listener.Stop();
        listener.Close();
        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _listener, null)?.Close();

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            try
            {
                await AnswerAsync(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                Log.ScrapeFailed(_logger, ex.Message);
            }
        }
    }

    private static async Task DrainAsync(Stream body)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            for (var total = 0; total < 64 * 1024;)
            {
                var read = await body.ReadAsync(buffer).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        using (response)
        {
            var request = context.Request;

            // One request per connection: HttpListener's managed implementation can drop a kept-alive connection just
            // as the client reuses it; a scrape a second costs one connection setup on loopback.
            response.KeepAlive = false;
            if (request.HasEntityBody)
            {
                // Read what the client sent (bounded): closing a socket with unread data resets the connection and the
                // client may lose the answer.
                await DrainAsync(request.InputStream).ConfigureAwait(false);
            }
            var path = request.Url?.AbsolutePath ?? "/";
            if (!string.Equals(path.Length > 1 ? path.TrimEnd('/') : path, _address.Path, StringComparison.Ordinal))
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            if (request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = (int)HttpStatusCode.MethodNotAllowed;
                response.AddHeader("Allow", "GET, HEAD");
                return;
            }

            var body = new ArrayBufferWriter<byte>(16 * 1024);
            _collector.WriteTo(body);
            response.StatusCode = (int)HttpStatusCode.OK;
            response.ContentType = PrometheusMetricsCollector.ContentType;
            response.ContentLength64 = body.WrittenCount;
            if (request.HttpMethod == "GET")
            {
                await response.OutputStream.WriteAsync(body.WrittenMemory).ConfigureAwait(false);
            }
        }
    }
}
