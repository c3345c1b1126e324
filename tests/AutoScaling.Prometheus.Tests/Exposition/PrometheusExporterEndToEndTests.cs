using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScaling.Prometheus.Tests;

/// <summary>
/// A host serves its <c>AutoScaling</c> meter with <c>AddAutoScalingPrometheusExporter</c>; the real prometheus of the
/// fixture scrapes it every second and the values are read back with PromQL: the text format is right.
/// </summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class PrometheusExporterEndToEndTests(PrometheusFixture fixture)
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Listener_serves_the_text_format_and_refuses_other_paths_and_methods()
    {
        using var host = await StartHostAsync(19511);
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("AutoScaling");
        meter.CreateCounter<long>("autoscaling.decisions").Add(1, new KeyValuePair<string, object?>("group", "web"));

        using var ok = await s_http.GetAsync(new Uri("http://127.0.0.1:19511/metrics"));
        using var notFound = await s_http.GetAsync(new Uri("http://127.0.0.1:19511/other"));
        using var post = await s_http.PostAsync(new Uri("http://127.0.0.1:19511/metrics"), new StringContent("x"));

        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", ok.Content.Headers.ContentType?.ToString());
        Assert.Contains("autoscaling_decisions_total{group=\"web\"} 1\n", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, post.StatusCode);
        await host.StopAsync();
    }

    [Fact]
    public async Task Port_in_use_fails_host_start_with_the_url()
    {
        using var first = await StartHostAsync(19512);
        var second = Host.CreateDefaultBuilder()
            .ConfigureServices(s => s.AddAutoScalingPrometheusExporter(o => o.Url = "http://127.0.0.1:19512/metrics"))
            .Build();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());
        Assert.Contains("http://127.0.0.1:19512/metrics", ex.Message, StringComparison.Ordinal);
        second.Dispose();
        await first.StopAsync();
    }

    [Fact]
    public async Task Bad_url_fails_validation_at_start()
    {
        using var host = Host.CreateDefaultBuilder()
            .ConfigureServices(s => s.AddAutoScalingPrometheusExporter(o => o.Url = "https://127.0.0.1:1/metrics"))
            .Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        Assert.Contains("Url is 'https://127.0.0.1:1/metrics'", ex.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Real_prometheus_scrapes_the_endpoint_and_the_values_read_back()
    {
        PrometheusFixture.Require();
        using var host = await StartHostAsync(PrometheusFixture.ExpositionPort);
        var meter = host.Services.GetRequiredService<IMeterFactory>().Create("AutoScaling");
        var decisions = meter.CreateCounter<long>("autoscaling.decisions", description: "Scaling decisions by reason.");
        var duration = meter.CreateHistogram<double>("autoscaling.action.duration", unit: "s", description: "How long scaling actions take.");
        meter.CreateObservableGauge(
            "autoscaling.group.instances",
            () => new[]
            {
                new Measurement<int>(3, new("group", "e2e"), new("state", "active")),
                new Measurement<int>(1, new("group", "e2e"), new("state", "starting")),
            },
            unit: "{instance}",
            description: "Instances by state.");
        decisions.Add(5, new("group", "e2e"), new("reason", "ScaleUp"));
        decisions.Add(2, new("group", "e2e"), new("reason", "Scale \"down\"\\now"));
        duration.Record(0.2, new("group", "e2e"), new("action", "provision"), new("outcome", "success"));
        duration.Record(1.5, new("group", "e2e"), new("action", "provision"), new("outcome", "success"));

        async Task<MetricSample> Read(string query)
            => await new PrometheusMetricSource(new PrometheusQueryOptions { Server = fixture.Server, Query = query }, s_http)
                .ReadAsync(new MetricReadContext("e2e", "m", 1), CancellationToken.None);

        // The first scrape comes some seconds after prometheus starts; wait for the target (bounded).
        var scraped = await Tools.WaitUntilAsync(
            async () => (await Read("autoscaling_decisions_total{group=\"e2e\",reason=\"ScaleUp\"}")).IsValid,
            TimeSpan.FromSeconds(30));
        Assert.True(scraped, "prometheus never scraped the exposition endpoint");

        Assert.Equal(5, (await Read("autoscaling_decisions_total{group=\"e2e\",reason=\"ScaleUp\"}")).Value);
        Assert.Equal(2, (await Read("autoscaling_decisions_total{group=\"e2e\",reason=\"Scale \\\"down\\\"\\\\now\"}")).Value);
        Assert.Equal(3, (await Read("autoscaling_group_instances{group=\"e2e\",state=\"active\"}")).Value);
        Assert.Equal(4, (await Read("sum(autoscaling_group_instances{group=\"e2e\"})")).Value);
        Assert.Equal(2, (await Read("autoscaling_action_duration_seconds_count{group=\"e2e\",action=\"provision\",outcome=\"success\"}")).Value);
        Assert.Equal(1.7, (await Read("autoscaling_action_duration_seconds_sum{group=\"e2e\"}")).Value, 9);
        Assert.Equal(1, (await Read("autoscaling_action_duration_seconds_bucket{group=\"e2e\",le=\"0.25\"}")).Value);
        var median = await Read("histogram_quantile(0.5, sum by (le) (autoscaling_action_duration_seconds_bucket{group=\"e2e\"}))");
        Assert.InRange(median.Value, 0.1, 0.25);
        Assert.Equal(1, (await Read("up{instance=\"127.0.0.1:19510\"}")).Value);
        await host.StopAsync();
    }

    private static async Task<IHost> StartHostAsync(int port)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureServices(s => s.AddAutoScalingPrometheusExporter(o => o.Url = $"http://127.0.0.1:{port}/metrics"))
            .Build();
        await host.StartAsync();
        return host;
    }
}
