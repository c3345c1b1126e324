using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Nginx;

/// <summary>
/// Reads one value of NGINX's <c>stub_status</c> page. <see cref="NginxStubStatusField.RequestsPerSecond"/> is the
/// growth of the <c>requests</c> counter between two reads divided by the time between them: missing at the first
/// read, and missing (never negative) when the counter went down, as it does when NGINX restarts.
/// </summary>
internal sealed partial class NginxStubStatusSource : IMetricSource
{
    private readonly NginxStubStatusOptions _options;
    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private (long Requests, long Timestamp)? _last;

    public NginxStubStatusSource(NginxStubStatusOptions options, HttpClient http, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _url = new Uri(options.Url, UriKind.Absolute);
        _http = http;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    public async ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_options.Timeout);
            using var response = await _http.GetAsync(_url, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return Failed(context, string.Create(CultureInfo.InvariantCulture, $"NGINX stub_status at {_url.GetLeftPart(UriPartial.Path)} answered HTTP {(int)response.StatusCode}."));
            }

            text = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Failed(context, $"NGINX stub_status at {_url.GetLeftPart(UriPartial.Path)} could not be read: {ex.Message}");
        }

        var now = _time.GetTimestamp();
        if (!StubStatusPage.TryParse(text, out var page))
        {
            return Failed(context, $"NGINX stub_status at {_url.GetLeftPart(UriPartial.Path)} is not a stub_status page (is 'stub_status;' in that location?).");
        }

        if (_options.Field != NginxStubStatusField.RequestsPerSecond)
        {
            return MetricSample.Valid(page.Get(_options.Field), _time.GetUtcNow());
        }

        lock (_gate)
        {
            var last = _last;
            _last = (page.Requests, now);
            if (last is not { } before)
            {
                return MetricSample.Missing(_time.GetUtcNow(), "the first stub_status read: a rate needs two");
            }

            var seconds = _time.GetElapsedTime(before.Timestamp, now).TotalSeconds;
            if (page.Requests < before.Requests)
            {
                return MetricSample.Missing(_time.GetUtcNow(), "the requests counter went down (NGINX restarted): a rate needs two reads of one run");
            }

            return seconds > 0
                ? MetricSample.Valid((page.Requests - before.Requests) / seconds, _time.GetUtcNow())
                : MetricSample.Missing(_time.GetUtcNow(), "two stub_status reads at the same instant");
        }
    }

    private MetricSample Failed(MetricReadContext context, string error)
    {
        Log.ReadFailed(_logger, context.GroupName, context.MetricName, error);
        return MetricSample.Failed(_time.GetUtcNow(), error);
    }

    private static partial class Log
    {
        [LoggerMessage(2311, LogLevel.Warning, "Metric '{Metric}' of group '{Group}': {Error}")]
        public static partial void ReadFailed(ILogger logger, string group, string metric, string error);
    }
}
