namespace AutoScaling.Prometheus.Tests;

/// <summary>The source against a real prometheus: values, missing data, errors, aggregation, templates, ranges.</summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class PrometheusMetricSourceTests(PrometheusFixture fixture)
{
    private const string TwoSeries = "label_replace(vector(1), \"s\", \"a\", \"\", \"\") or label_replace(vector(2), \"s\", \"b\", \"\", \"\")";
    private static readonly HttpClient s_http = new();
    private static readonly MetricReadContext s_context = new("web", "rps", 4);

    private PrometheusMetricSource Source(string query, PrometheusAggregation aggregation = PrometheusAggregation.None)
    {
        PrometheusFixture.Require();
        return new PrometheusMetricSource(new PrometheusQueryOptions { Server = fixture.Server, Query = query, Aggregation = aggregation }, s_http);
    }

    [SkippableFact]
    public async Task Syntax_error_is_failed_with_prometheus_message()
    {
        var sample = await Source("sum(rate(").ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Contains("bad_data", sample.Error, StringComparison.Ordinal);
        Assert.Contains("parse error", sample.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Execution_error_is_failed_with_its_error_type()
    {
        // Two series on the left, one on the right, matched on no labels: prometheus answers 422 "execution".
        var sample = await Source("(" + TwoSeries + ") + on() vector(1)").ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Contains("(execution)", sample.Error, StringComparison.Ordinal);
        Assert.Contains("group_left", sample.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Series_that_does_not_exist_is_missing()
    {
        var sample = await Source("sum(autoscaling_no_such_series_total)").ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Missing, sample.Status);
        Assert.True(double.IsNaN(sample.Value));
    }

    [SkippableTheory]
    [InlineData("vector(0) / 0")]
    [InlineData("0 / 0")]
    [InlineData("vector(1) / 0")]
    [InlineData("vector(-1) / 0")]
    public async Task NaN_and_infinity_are_missing(string query)
    {
        var sample = await Source(query).ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Missing, sample.Status);
    }

    [SkippableTheory]
    [InlineData("3.25", 3.25)]
    [InlineData("scalar(vector(7))", 7)]
    [InlineData("vector(-2.5)", -2.5)]
    [InlineData("vector(1e300)", 1e300)]
    public async Task Scalar_and_one_series_are_the_value(string query, double expected)
    {
        var sample = await Source(query).ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Valid, sample.Status);
        Assert.Equal(expected, sample.Value);
    }

    [SkippableFact]
    public async Task Several_series_without_aggregation_are_failed()
    {
        var sample = await Source(TwoSeries).ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.Contains("2 series", sample.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(PrometheusAggregation.Sum, 3)]
    [InlineData(PrometheusAggregation.Max, 2)]
    [InlineData(PrometheusAggregation.Min, 1)]
    [InlineData(PrometheusAggregation.Average, 1.5)]
    public async Task Several_series_are_aggregated_as_asked(PrometheusAggregation aggregation, double expected)
    {
        var sample = await Source(TwoSeries, aggregation).ReadAsync(s_context, CancellationToken.None);

        Assert.Equal(MetricStatus.Valid, sample.Status);
        Assert.Equal(expected, sample.Value);
    }

    [SkippableFact]
    public async Task Templates_use_instance_count_and_escaped_names()
    {
        // A metric name with a quote and a backslash: the query is valid only if they are escaped in the literal.
        var source = Source("label_replace(vector({instances}) * 2, \"g\", \"{group}/{metric}\", \"\", \"\")");
        var sample = await source.ReadAsync(new MetricReadContext("web", "odd\"name\\", 4), CancellationToken.None);
        Assert.Equal(MetricStatus.Valid, sample.Status);
        Assert.Equal(8, sample.Value);

        var again = await source.ReadAsync(new MetricReadContext("web", "odd\"name\\", 5), CancellationToken.None);
        Assert.Equal(10, again.Value);
    }

    [SkippableFact]
    public async Task Sample_time_is_the_evaluation_time()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var sample = await Source("vector(1)").ReadAsync(s_context, CancellationToken.None);

        Assert.InRange(sample.Timestamp, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [SkippableFact]
    public async Task Range_query_returns_points_in_order()
    {
        var end = DateTimeOffset.UtcNow;
        var result = await Source("vector(2)").ReadRangeAsync(s_context, end.AddSeconds(-10), end, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(MetricStatus.Valid, result.Status);
        Assert.Equal(11, result.Points.Count);
        Assert.All(result.Points, p => Assert.Equal(2, p.Value));
        Assert.True(result.Points.Zip(result.Points.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
    }

    [SkippableFact]
    public async Task Range_query_aggregates_several_series_per_timestamp()
    {
        var end = DateTimeOffset.UtcNow;
        var none = await Source(TwoSeries).ReadRangeAsync(s_context, end.AddSeconds(-4), end, TimeSpan.FromSeconds(1), CancellationToken.None);
        var sum = await Source(TwoSeries, PrometheusAggregation.Sum).ReadRangeAsync(s_context, end.AddSeconds(-4), end, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(MetricStatus.Failed, none.Status);
        Assert.Equal(MetricStatus.Valid, sum.Status);
        Assert.Equal(5, sum.Points.Count);
        Assert.All(sum.Points, p => Assert.Equal(3, p.Value));
    }

    [SkippableFact]
    public async Task Range_query_errors_and_missing_series()
    {
        var end = DateTimeOffset.UtcNow;
        var error = await Source("sum(rate(").ReadRangeAsync(s_context, end.AddSeconds(-4), end, TimeSpan.FromSeconds(1), CancellationToken.None);
        var missing = await Source("autoscaling_no_such_series").ReadRangeAsync(s_context, end.AddSeconds(-4), end, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(MetricStatus.Failed, error.Status);
        Assert.Contains("parse error", error.Error, StringComparison.Ordinal);
        Assert.Equal(MetricStatus.Missing, missing.Status);
    }

    [SkippableFact]
    public async Task Long_query_is_sent_in_the_body()
    {
        // ~20 KB of PromQL: too long for a URL, fine in a POST form.
        var query = string.Join(" + ", Enumerable.Repeat("vector(1)", 2000));
        PrometheusFixture.Require();
        // 2,000 terms take Prometheus a few seconds on a loaded machine: the default 4 s timeout is not what is tested here.
        var source = new PrometheusMetricSource(new PrometheusQueryOptions { Server = fixture.Server, Query = query, Timeout = TimeSpan.FromSeconds(60) }, s_http);
        var sample = await source.ReadAsync(s_context, CancellationToken.None);

        Assert.True(sample.Status == MetricStatus.Valid, $"{sample.Status}: {sample.Error}");
        Assert.Equal(2000, sample.Value);
    }

    [SkippableFact]
    public async Task HAProxy_request_rate_is_read_through_the_source()
    {
        var source = Source("sum(rate(haproxy_backend_http_requests_total{proxy=\"{group}\"}[10s]))");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var web = new Uri($"http://127.0.0.1:{PrometheusFixture.WebPort}/");
        MetricSample last = default;

        // Bounded: at most 40 rounds of 20 requests, about 30 s.
        var seen = await Tools.WaitUntilAsync(
            async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    using var response = await http.GetAsync(web);
                    Assert.True(response.IsSuccessStatusCode);
                }

                last = await source.ReadAsync(s_context, CancellationToken.None);
                return last.IsValid && last.Value > 0;
            },
            TimeSpan.FromSeconds(30));

        Assert.True(seen, $"The rate never became positive; last sample: {last}");
    }
}
