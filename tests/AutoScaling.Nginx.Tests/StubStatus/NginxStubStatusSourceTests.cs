using AutoScaling.Testing;

namespace AutoScaling.Nginx.Tests;

/// <summary><c>UseNginxStubStatus</c> against a real nginx: values, a rate from two reads, a reset never negative, failures as values.</summary>
public sealed class NginxStubStatusSourceTests(NginxFixture fixture) : IClassFixture<NginxFixture>
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly MetricReadContext s_context = new("web", "rps", 2);

    [Fact]
    public void The_page_is_parsed_and_anything_else_is_not()
    {
        Assert.True(StubStatusPage.TryParse("Active connections: 2 \nserver accepts handled requests\n 10 9 12 \nReading: 0 Writing: 1 Waiting: 1 \n", out var page));
        Assert.Equal(new StubStatusPage(2, 10, 9, 12, 0, 1, 1), page);
        Assert.False(StubStatusPage.TryParse("<html>404</html>", out _));
        Assert.False(StubStatusPage.TryParse("Active connections: -2 \nserver accepts handled requests\n 10 9 12 \nReading: 0 Writing: 1 Waiting: 1 \n", out _));
    }

    [SkippableFact]
    public async Task Each_value_of_the_page_is_read()
    {
        NginxFixture.Require();
        var time = new ManualTimeProvider();

        var active = await Source(NginxStubStatusField.ActiveConnections, time).ReadAsync(s_context, CancellationToken.None);
        var requests = await Source(NginxStubStatusField.Requests, time).ReadAsync(s_context, CancellationToken.None);

        Assert.True(active.IsValid && active.Value >= 1, $"active connections: {active}"); // the read itself is one
        Assert.True(requests.IsValid && requests.Value >= 1, $"requests: {requests}");
    }

    [SkippableFact]
    public async Task Requests_per_second_are_missing_until_two_reads_then_the_growth_over_the_time_between()
    {
        NginxFixture.Require();
        var time = new ManualTimeProvider();
        var source = Source(NginxStubStatusField.RequestsPerSecond, time);

        var first = await source.ReadAsync(s_context, CancellationToken.None);
        await SendAsync(20);
        time.Advance(TimeSpan.FromSeconds(2));
        var second = await source.ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Missing, first.Status);
        Assert.Equal(MetricStatus.Valid, second.Status);
        Assert.Equal((20 + 1) / 2.0, second.Value); // the 20 requests and the second read itself, over 2 s
    }

    [SkippableFact]
    public async Task A_counter_reset_is_missing_never_a_negative_rate()
    {
        NginxFixture.Require();
        var time = new ManualTimeProvider();
        var source = Source(NginxStubStatusField.RequestsPerSecond, time);
        await SendAsync(5);
        await source.ReadAsync(s_context, CancellationToken.None);

        await fixture.Nginx.RestartAsync(fixture.Port); // the counters start again from zero
        time.Advance(TimeSpan.FromSeconds(1));
        var afterReset = await source.ReadAsync(s_context, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var next = await source.ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Missing, afterReset.Status);
        Assert.Contains("went down", afterReset.Error, StringComparison.Ordinal);
        Assert.Equal((MetricStatus.Valid, 1.0), (next.Status, next.Value));
    }

    [SkippableFact]
    public async Task An_unreachable_or_wrong_page_is_a_failed_sample_with_a_message()
    {
        NginxFixture.Require();
        var time = new ManualTimeProvider();
        var closed = NginxFixture.Ports.Next();

        var unreachable = await Source(NginxStubStatusField.Requests, time, $"http://127.0.0.1:{closed}/nginx_status").ReadAsync(s_context, CancellationToken.None);
        var notThePage = await Source(NginxStubStatusField.Requests, time, $"http://127.0.0.1:{fixture.Port}/other").ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Failed, unreachable.Status);
        Assert.Contains($"127.0.0.1:{closed}", unreachable.Error, StringComparison.Ordinal);
        Assert.Equal(MetricStatus.Failed, notThePage.Status); // the upstream is empty: 502, or a page that is not stub_status
    }

    [Theory]
    [InlineData("nginx_status", "absolute")]
    [InlineData("ftp://127.0.0.1/nginx_status", "absolute")]
    [InlineData("http://admin:s3cret@127.0.0.1/nginx_status", "credentials")]
    public void A_bad_url_is_refused_at_start_without_its_secret(string url, string rule)
    {
        var result = new NginxStubStatusOptionsValidator().Validate(StubStatusOptionsKey.Create("web", "rps"), new NginxStubStatusOptions { Url = url });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("AutoScaling group 'web', NGINX stub_status metric 'rps': Url is ", failure, StringComparison.Ordinal);
        Assert.Contains(rule, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", failure, StringComparison.Ordinal);
    }

    private NginxStubStatusSource Source(NginxStubStatusField field, TimeProvider time, string? url = null)
        => new(new NginxStubStatusOptions { Url = url ?? $"http://127.0.0.1:{fixture.Port}/nginx_status", Field = field }, s_http, time);

    private async Task SendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await s_http.GetAsync(new Uri($"http://127.0.0.1:{fixture.Port}/nginx_status"));
        }
    }
}
