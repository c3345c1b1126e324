using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Prometheus.Tests;

/// <summary>The ASP.NET Core mapping (AutoScaling.Prometheus.AspNetCore), on a real Kestrel on loopback.</summary>
public sealed class AspNetCoreMappingTests
{
    private const int Port = 19515;

    [Fact]
    public async Task MapAutoScalingMetrics_serves_the_text_format_on_Kestrel()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Services.AddAutoScalingPrometheusMetrics();
        await using var app = builder.Build();
        app.MapAutoScalingMetrics();
        await app.StartAsync();
        app.Services.GetRequiredService<IMeterFactory>().Create("AutoScaling")
            .CreateCounter<long>("autoscaling.decisions").Add(3, new KeyValuePair<string, object?>("group", "web"));

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/metrics"));
        var text = await response.Content.ReadAsStringAsync();
        await app.StopAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE autoscaling_decisions_total counter\nautoscaling_decisions_total{group=\"web\"} 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_without_the_collector_names_the_missing_registration()
    {
        var builder = WebApplication.CreateBuilder();
        using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.MapAutoScalingMetrics());
        Assert.Contains("AddAutoScalingPrometheusMetrics", error.Message, StringComparison.Ordinal);
    }
}
