using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Prometheus;

/// <summary>
/// Reads a metric with a PromQL query: an instant query per read (<c>POST /api/v1/query</c>), and range queries for
/// policies that need history. An empty result, NaN or an infinity is <see cref="MetricStatus.Missing"/> (never zero);
/// an error answer, an HTTP failure or a timeout is <see cref="MetricStatus.Failed"/>.
/// </summary>
public sealed partial class PrometheusMetricSource : IInstanceMetricSource
{
    private const int MaxResponseBytes = 16 * 1024 * 1024;
    private static readonly MediaTypeHeaderValue s_formContentType = new("application/x-www-form-urlencoded");

    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PrometheusQueryTemplate _template;
    private readonly PrometheusQueryTemplate? _instanceTemplate;
    private readonly string _instanceLabel;
    private readonly Uri _queryUri;
    private readonly Uri _rangeUri;
    private readonly string _server;
    private readonly TimeSpan _timeout;
    private readonly PrometheusAggregation _aggregation;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly SecretScrubber _scrubber;

    /// <summary>Initializes a new instance of the <see cref="PrometheusMetricSource"/> class.</summary>
    /// <param name="options">The options (validated here; copied, later changes have no effect).</param>
    /// <param name="httpClient">The client for the server, shared per server (see <see cref="PrometheusHttpClients"/>); not disposed here.</param>
    /// <param name="timeProvider">The clock for sample times and timeouts; the system clock by default.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each field.</exception>
    public PrometheusMetricSource(PrometheusQueryOptions options, HttpClient httpClient, TimeProvider? timeProvider = null, ILogger<PrometheusMetricSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        var failures = PrometheusQueryOptionsValidator.Validate("(none)", "(none)", options).Failures;
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        _client = httpClient;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeout = options.Timeout;
        _aggregation = options.Aggregation;
        _template = new PrometheusQueryTemplate(options.Query!, options.Timeout);
        _instanceTemplate = options.InstanceQuery is { } instanceQuery ? new PrometheusQueryTemplate(instanceQuery, options.Timeout) : null;
        _instanceLabel = options.InstanceLabel;
        var server = options.Server!;
        var baseUri = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _queryUri = new Uri(baseUri, "api/v1/query");
        _rangeUri = new Uri(baseUri, "api/v1/query_range");
        _server = baseUri.GetLeftPart(UriPartial.Path);
        _authorization = options.BearerToken is { } token
            ? new AuthenticationHeaderValue("Bearer", token)
            : options.Username is { } user
                ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + options.Password)))
                : null;
        _scrubber = SecretScrubber.For(options);
    }

    /// <inheritdoc/>
    public async ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var outcome = await SendAsync(_queryUri, _template.InstantBody(context), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        MetricSample sample;
        if (outcome.Error is not null)
        {
            sample = MetricSample.Failed(now, outcome.Error);
        }
        else
        {
            try
            {
                sample = ToSample(PrometheusResponseParser.ParseInstant(outcome.Body.AsSpan(0, outcome.Length), _aggregation), outcome.StatusCode, now);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(outcome.Body);
            }
        }

        sample = Scrub(sample);
        if (sample.Status == MetricStatus.Failed)
        {
            Log.QueryFailed(_logger, context.GroupName, context.MetricName, sample.Error!);
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.QueryRead(_logger, context.GroupName, context.MetricName, sample.ToString(), _time.GetElapsedTime(started).TotalMilliseconds);
        }

        return sample;
    }

    /// <summary>Reads the metric's history with a range query (<c>POST /api/v1/query_range</c>), aggregated as the options say.</summary>
    /// <param name="context">The group and metric (for the query's placeholders).</param>
    /// <param name="start">The first evaluation time.</param>
    /// <param name="end">The last evaluation time.</param>
    /// <param name="step">The resolution; positive.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The points in time order, or why there are none.</returns>
    public async ValueTask<PrometheusRangeResult> ReadRangeAsync(MetricReadContext context, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        if (end < start)
        {
            throw new ArgumentException($"The end ({end:O}) is before the start ({start:O}).", nameof(end));
        }

        var outcome = await SendAsync(_rangeUri, _template.RangeBody(context, start, end, step), cancellationToken).ConfigureAwait(false);
        PrometheusRangeResult result;
        if (outcome.Error is not null)
        {
            result = PrometheusRangeResult.Failed(outcome.Error);
        }
        else
        {
            try
            {
                result = PrometheusRangeResponseParser.Parse(outcome.Body.AsSpan(0, outcome.Length), _aggregation);
                if (result.Status == MetricStatus.Failed && (int)outcome.StatusCode >= 400 && !result.Error!.StartsWith("Prometheus query failed", StringComparison.Ordinal))
                {
                    result = PrometheusRangeResult.Failed(HttpStatusMessage(outcome.StatusCode));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(outcome.Body);
            }
        }

        result = Scrub(result);
        if (outcome.Error is not null)
        {
            Log.QueryFailed(_logger, context.GroupName, context.MetricName, result.Error!);
        }

        return result;
    }

    /// <summary>
    /// The one place where a server's words (a parser's message, Prometheus' <c>error</c>, an exception's message) leave
    /// this source: the configured credentials are replaced by <c>***</c> before anything is logged, stored or returned.
    /// </summary>
    private MetricSample Scrub(MetricSample sample)
    {
        var error = sample.Error;
        var clean = error is null ? null : _scrubber.Scrub(error);
        if (clean is null || ReferenceEquals(clean, error))
        {
            return sample;
        }

        return sample.Status == MetricStatus.Failed ? MetricSample.Failed(sample.Timestamp, clean) : MetricSample.Missing(sample.Timestamp, clean);
    }

    private PrometheusRangeResult Scrub(PrometheusRangeResult result)
    {
        var error = result.Error;
        var clean = error is null ? null : _scrubber.Scrub(error);
        if (clean is null || ReferenceEquals(clean, error))
        {
            return result;
        }

        return result.Status == MetricStatus.Failed ? PrometheusRangeResult.Failed(clean) : PrometheusRangeResult.Missing(clean);
    }

    private MetricSample ToSample(in PrometheusInstantResult result, System.Net.HttpStatusCode status, DateTimeOffset now)
    {
        switch (result.Kind)
        {
            case PrometheusResultKind.Value:
                return MetricSample.Valid(result.Value, result.Timestamp > 0 ? PrometheusRangeResponseParser.FromUnixSeconds(result.Timestamp) : now);
            case PrometheusResultKind.Empty:
                return MetricSample.Missing(now, "The query returned no series.");
            case PrometheusResultKind.NotFinite:
                return MetricSample.Missing(now, "The query returned NaN or an infinity.");
            case PrometheusResultKind.Error:
                return MetricSample.Failed(now, $"Prometheus query failed ({result.ErrorType}): {result.Error}");
            case PrometheusResultKind.Invalid when (int)status >= 400:
                return MetricSample.Failed(now, HttpStatusMessage(status));
            default:
                return MetricSample.Failed(now, result.Error ?? "The answer could not be read.");
        }
    }

    private string HttpStatusMessage(System.Net.HttpStatusCode status)
        => string.Create(CultureInfo.InvariantCulture, $"Prometheus at {_server} answered HTTP {(int)status} ({status}).");

    private async ValueTask<Outcome> SendAsync(Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var link = cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeout);
        byte[]? buffer = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = s_formContentType;
            request.Content = content;
            request.Headers.Authorization = _authorization;
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var hint = response.Content.Headers.ContentLength is long n and > 0 and < MaxResponseBytes ? (int)n + 1 : 4096;
                buffer = ArrayPool<byte>.Shared.Rent(hint);
                var length = 0;
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= MaxResponseBytes)
                        {
                            return Outcome.Fail(string.Create(CultureInfo.InvariantCulture, $"The answer from Prometheus at {_server} is larger than {MaxResponseBytes} bytes."));
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }

                var outcome = new Outcome(buffer, length, response.StatusCode, null);
                buffer = null;
                return outcome;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return Outcome.Fail(string.Create(CultureInfo.InvariantCulture, $"Prometheus at {_server} did not answer within {_timeout.TotalSeconds:0.###} s."));
        }
        catch (HttpRequestException ex)
        {
            // The inner exception says why (connection refused, untrusted certificate, a malformed header line the
            // parser quotes: server text, scrubbed with the rest).
            var why = ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? ex.Message + " " + inner.Message : ex.Message;
            return Outcome.Fail($"Prometheus at {_server} could not be reached: {why}");
        }
        catch (IOException ex)
        {
            return Outcome.Fail($"Reading the answer of Prometheus at {_server} failed: {ex.Message}");
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private readonly record struct Outcome(byte[] Body, int Length, System.Net.HttpStatusCode StatusCode, string? Error)
    {
        public static Outcome Fail(string error) => new([], 0, default, error);
    }
}
