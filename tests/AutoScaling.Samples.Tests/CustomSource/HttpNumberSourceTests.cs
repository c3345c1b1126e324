using System.Net;
using CustomSourceSample;

namespace AutoScaling.Samples.Tests.CustomSource;

/// <summary>What the contract leaves to the source: which answers are Missing and which are Failed, and bad options.</summary>
public sealed class HttpNumberSourceTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK, "", MetricStatus.Missing, "empty body")]
    [InlineData(HttpStatusCode.OK, "NaN", MetricStatus.Missing, "not finite")]
    [InlineData(HttpStatusCode.OK, "twelve", MetricStatus.Failed, "answered 'twelve', not a number")]
    [InlineData(HttpStatusCode.InternalServerError, "12", MetricStatus.Failed, "answered 500")]
    [InlineData(HttpStatusCode.NotFound, "", MetricStatus.Failed, "answered 404")]
    public async Task Answer_is_read_as_a_value_or_a_problem_never_zero(HttpStatusCode status, string body, MetricStatus expected, string message)
    {
        using var endpoint = NumberEndpoint.Start(status, body);
        using var http = new HttpClient();
        var source = new HttpNumberSource(new HttpNumberSourceOptions { Url = endpoint.Url }, http, TimeProvider.System);

        var sample = await source.ReadAsync(new MetricReadContext("web", "queue", 1), CancellationToken.None);

        Assert.Equal(expected, sample.Status);
        Assert.Contains(message, sample.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/value", "Url is '127.0.0.1:5000/value'; it must be an absolute http:// or https:// URL")]
    [InlineData("http://user:secret@127.0.0.1/value", "Url is '(a URL with user info)'; credentials do not belong in the URL")]
    public void Bad_url_is_named_without_its_secret(string url, string expected)
    {
        var result = new HttpNumberSourceOptionsValidator().Validate("web/queue", new HttpNumberSourceOptions { Url = url });
        var failure = Assert.Single(result.Failures!);
        Assert.Equal("AutoScaling group 'web', HTTP number source 'queue': " + expected + ".", failure);
        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
    }
}
