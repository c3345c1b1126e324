using System.Net;
using AutoScaling.Testing;
using CustomSourceSample;

namespace AutoScaling.Samples.Tests.CustomSource;

/// <summary>The metric-source contract (from the AutoScaling.Testing.Contracts package) against a real HTTP endpoint.</summary>
public sealed class HttpNumberSourceContractTests : MetricSourceContractTests, IDisposable
{
    private readonly List<IDisposable> _owned = [];

    protected override Task<IMetricSource> CreateSourceWithValueAsync(double value)
        => Task.FromResult<IMetricSource>(Source(Endpoint(HttpStatusCode.OK, value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n").Url));

    protected override Task<IMetricSource> CreateSourceWithoutDataAsync()
        => Task.FromResult<IMetricSource>(Source(Endpoint(HttpStatusCode.NoContent, string.Empty).Url));

    protected override Task<IMetricSource> CreateFailingSourceAsync()
        => Task.FromResult<IMetricSource>(Source($"http://127.0.0.1:{NumberEndpoint.UnusedPort()}/value"));

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private NumberEndpoint Endpoint(HttpStatusCode status, string body)
    {
        var endpoint = NumberEndpoint.Start(status, body);
        _owned.Add(endpoint);
        return endpoint;
    }

    private HttpNumberSource Source(string url)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _owned.Add(http);
        return new HttpNumberSource(new HttpNumberSourceOptions { Url = url }, http, TimeProvider.System);
    }
}
