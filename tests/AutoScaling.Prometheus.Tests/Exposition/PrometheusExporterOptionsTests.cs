using AutoScaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus.Tests;

public sealed class PrometheusExporterOptionsTests
{
    [Fact]
    public void Options_bind_from_appsettings_json()
    {
        var config = JsonConfiguration.Parse("""
            { "Url": "http://127.0.0.1:19514/m", "MeterNames": [ "AutoScaling", "MyApp" ], "HistogramBuckets": [ 0.5, 2 ] }
            """);
        var services = new ServiceCollection();
        services.AddAutoScalingPrometheusExporter(config);
        using var sp = services.BuildServiceProvider();

        var o = sp.GetRequiredService<IOptions<PrometheusExporterOptions>>().Value;

        Assert.Equal("http://127.0.0.1:19514/m", o.Url);
        Assert.Equal(["AutoScaling", "MyApp"], o.MeterNames);
        Assert.Equal([0.5, 2.0], o.HistogramBuckets); // JSON numbers, read with the invariant culture
    }

    [Fact]
    public void Empty_json_object_keeps_every_default()
    {
        var services = new ServiceCollection();
        services.AddAutoScalingPrometheusExporter(JsonConfiguration.Parse("{}"));
        using var sp = services.BuildServiceProvider();

        var o = sp.GetRequiredService<IOptions<PrometheusExporterOptions>>().Value;

        Assert.Equal(PrometheusExporterOptions.DefaultUrl, o.Url);
        Assert.Empty(o.MeterNames);
        Assert.Empty(o.HistogramBuckets);
    }

    [Fact]
    public void Bad_values_are_named_with_their_field()
    {
        var options = new PrometheusExporterOptions { Url = "ftp://x" };
        options.MeterNames.Add(" ");
        options.HistogramBuckets.Add(1);
        options.HistogramBuckets.Add(1);
        options.HistogramBuckets.Add(double.PositiveInfinity);

        var result = new PrometheusExporterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = string.Join("\n", result.Failures!);
        Assert.Contains("Url is 'ftp://x'", message, StringComparison.Ordinal);
        Assert.Contains("MeterNames:0 is ' '", message, StringComparison.Ordinal);
        Assert.Contains("HistogramBuckets:1 is 1", message, StringComparison.Ordinal);
        Assert.Contains("HistogramBuckets:2 is Infinity", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_with_a_newline_is_shown_escaped()
    {
        var result = new PrometheusExporterOptionsValidator().Validate(null, new PrometheusExporterOptions { Url = "http://127.0.0.1:9464/metrics\nINFO forged" });

        var failure = Assert.Single(result.Failures!);
        Assert.Contains(@"Url is 'http://127.0.0.1:9464/metrics\nINFO forged'", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void Defaults_are_valid()
        => Assert.True(new PrometheusExporterOptionsValidator().Validate(null, new PrometheusExporterOptions()).Succeeded);
}
