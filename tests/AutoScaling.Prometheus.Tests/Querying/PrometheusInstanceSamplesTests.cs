namespace AutoScaling.Prometheus.Tests;

/// <summary>Per-instance samples from an <c>InstanceQuery</c> against a real prometheus, beyond the contract: labels, NaN, duplicates, errors.</summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class PrometheusInstanceSamplesTests(PrometheusFixture fixture)
{
    private static readonly HttpClient s_http = new();
    private static readonly MetricReadContext s_context = new("web", "rps", 4);
    private static readonly IReadOnlyList<ScalingInstance> s_instances = Testing.InstanceMetricSourceContractTests.Instances;

    private static string Series(string address, string value, string label = "instance")
        => $"label_replace(vector({value}), \"{label}\", \"{address}\", \"\", \"\")";

    private async Task<MetricSample[]> ReadAsync(string? instanceQuery, string label = "instance")
    {
        PrometheusFixture.Require();
        var source = new PrometheusMetricSource(new PrometheusQueryOptions { Server = fixture.Server, Query = "vector(60)", InstanceQuery = instanceQuery, InstanceLabel = label }, s_http);
        var samples = new MetricSample[s_instances.Count];
        await source.ReadInstancesAsync(s_context, s_instances, samples, CancellationToken.None);
        return samples;
    }

    [SkippableFact]
    public async Task The_label_is_configurable()
    {
        var samples = await ReadAsync(Series("127.0.0.1:18103", "7", "server"), "server");
        Assert.Equal(7, samples[2].Value);
        Assert.Equal(MetricStatus.Missing, samples[0].Status);
    }

    [SkippableFact]
    public async Task NaN_for_an_instance_is_missing_never_zero()
    {
        var samples = await ReadAsync(Series("127.0.0.1:18101", "0") + " / 0");
        Assert.Equal(MetricStatus.Missing, samples[0].Status);
    }

    [SkippableFact]
    public async Task Two_series_for_one_instance_fail_that_instance()
    {
        var twice = $"label_replace({Series("127.0.0.1:18101", "1")}, \"x\", \"1\", \"\", \"\") or label_replace({Series("127.0.0.1:18101", "2")}, \"x\", \"2\", \"\", \"\")";
        var samples = await ReadAsync(twice);
        Assert.Equal(MetricStatus.Failed, samples[0].Status);
        Assert.Contains("aggregate it by (instance)", samples[0].Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_query_error_fails_every_instance_with_prometheus_message()
    {
        var samples = await ReadAsync("sum(rate(");
        Assert.All(samples, s => Assert.Equal(MetricStatus.Failed, s.Status));
        Assert.Contains("bad_data", samples[0].Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_scalar_is_refused_for_every_instance()
    {
        var samples = await ReadAsync("scalar(vector(1))");
        Assert.All(samples, s => Assert.Contains("instant vector", s.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_InstanceQuery_nothing_is_sent_and_every_instance_is_missing()
    {
        var source = new PrometheusMetricSource(new PrometheusQueryOptions { Server = new Uri("http://127.0.0.1:1/"), Query = "vector(1)" }, s_http);
        var samples = new MetricSample[s_instances.Count];
        await source.ReadInstancesAsync(s_context, s_instances, samples, CancellationToken.None);
        Assert.All(samples, s => Assert.Equal((MetricStatus.Missing, "No InstanceQuery is configured."), (s.Status, s.Error)));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("in-stance")]
    [InlineData("")]
    public void The_label_must_be_a_label_name(string label)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PrometheusMetricSource(new PrometheusQueryOptions { Query = "vector(1)", InstanceLabel = label }, s_http));
        Assert.Contains($"InstanceLabel is '{label}'; it must be a Prometheus label name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_InstanceQuery_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PrometheusMetricSource(new PrometheusQueryOptions { Query = "vector(1)", InstanceQuery = " " }, s_http));
        Assert.Contains("InstanceQuery is ' '", ex.Message, StringComparison.Ordinal);
    }
}
