using System.Globalization;
using System.Net;
using AutoScaling;

namespace CustomSourceSample;

/// <summary>
/// Reads a number the application publishes over HTTP (a queue length, the jobs waiting): the body of a GET, as text.
/// Problems are values, never zero and never an exception: no value yet (<c>204 No Content</c>, an empty body, NaN) is
/// <see cref="MetricStatus.Missing"/>; an error status, a body that is not a number, a refused connection or a timeout is
/// <see cref="MetricStatus.Failed"/> with a message that names the URL and what it answered.
/// </summary>
public sealed class HttpNumberSource : IMetricSource
{
    private readonly Uri _url;
    private readonly TimeSpan _timeout;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="HttpNumberSource"/> class.</summary>
    /// <param name="options">The options; validated and copied.</param>
    /// <param name="http">The client; its own timeout should be longer than <see cref="HttpNumberSourceOptions.Timeout"/>.</param>
    /// <param name="timeProvider">The clock that stamps samples.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public HttpNumberSource(HttpNumberSourceOptions options, HttpClient http, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var result = new HttpNumberSourceOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        _url = new Uri(options.Url);
        _timeout = options.Timeout;
        _http = http;
        _time = timeProvider;
    }

    /// <inheritdoc/>
    public async ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var response = await _http.GetAsync(_url, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return MetricSample.Missing(_time.GetUtcNow(), $"GET {_url} has no value yet (204)");
            }

            if (!response.IsSuccessStatusCode)
            {
                return MetricSample.Failed(_time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture, $"GET {_url} answered {(int)response.StatusCode}"));
            }

            var text = (await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false)).Trim();
            if (text.Length == 0)
            {
                return MetricSample.Missing(_time.GetUtcNow(), $"GET {_url} answered an empty body");
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? MetricSample.Valid(value, _time.GetUtcNow()) // NaN and infinities read as Missing
                : MetricSample.Failed(_time.GetUtcNow(), $"GET {_url} answered '{(text.Length > 40 ? text[..40] + "…" : text)}', not a number");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MetricSample.Failed(_time.GetUtcNow(), string.Create(CultureInfo.InvariantCulture, $"GET {_url} did not answer within {_timeout}"));
        }
        catch (HttpRequestException e)
        {
            return MetricSample.Failed(_time.GetUtcNow(), $"GET {_url} failed: {e.Message}");
        }
    }
}
