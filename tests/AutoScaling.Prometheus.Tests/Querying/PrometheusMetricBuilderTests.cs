using AutoScaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus.Tests;

/// <summary><c>UsePrometheusMetric</c>: options from code or configuration, validation naming group, metric, field and value.</summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class PrometheusMetricBuilderTests(PrometheusFixture fixture)
{
    [SkippableFact]
    public async Task Metric_from_code_is_registered_and_reads_through_the_shared_client()
    {
        PrometheusFixture.Require();
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g
            .UsePrometheusMetric("rps", q => { q.Server = fixture.Server; q.Query = "vector({instances}) * 10"; })
            .UsePrometheusMetric("cpu", q => { q.Server = fixture.Server; q.Query = "vector(0.5)"; })
            .UseFixed(f => f.Instances = 1)
            .UseInstances(_ => throw new NotSupportedException("not used here")));
        using var sp = services.BuildServiceProvider();

        var metrics = sp.GetRequiredService<IOptionsMonitor<ScalingGroupComposition>>().Get("web").Metrics;
        var rps = metrics.Single(m => m.Name == "rps").Factory(sp);
        var cpu = metrics.Single(m => m.Name == "cpu").Factory(sp);

        Assert.Equal(30, (await rps.ReadAsync(new MetricReadContext("web", "rps", 3), CancellationToken.None)).Value);
        Assert.Equal(0.5, (await cpu.ReadAsync(new MetricReadContext("web", "cpu", 3), CancellationToken.None)).Value);
        var clients = sp.GetRequiredService<PrometheusHttpClients>();
        Assert.Same(clients.GetClient(new PrometheusQueryOptions { Server = fixture.Server }), clients.GetClient(new PrometheusQueryOptions { Server = new Uri(fixture.Server, "other/") }));
    }

    [Fact]
    public void Metric_from_appsettings_json_is_bound()
    {
        var config = JsonConfiguration.Parse("""
            {
              "Server": "http://127.0.0.1:19090/",
              "Query": "sum(rate(haproxy_backend_http_requests_total{proxy=\"web\"}[30s]))",
              "Timeout": "00:00:02",
              "Aggregation": "Max",
              "BearerToken": "t0ken"
            }
            """);
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g.UsePrometheusMetric("rps", config));
        using var sp = services.BuildServiceProvider();

        var o = sp.GetRequiredService<IOptionsMonitor<PrometheusQueryOptions>>().Get(PrometheusOptionsKey.Create("web", "rps"));

        Assert.Equal(new Uri("http://127.0.0.1:19090/"), o.Server);
        Assert.Equal("sum(rate(haproxy_backend_http_requests_total{proxy=\"web\"}[30s]))", o.Query); // JSON escapes undone, braces kept
        Assert.Equal(TimeSpan.FromSeconds(2), o.Timeout);
        Assert.Equal(PrometheusAggregation.Max, o.Aggregation);
        Assert.Equal("t0ken", o.BearerToken);
        Assert.Equal((null, null, null, false), (o.Username, o.Password, o.CaCertificatePath, o.AllowUntrustedCertificates));
    }

    [Fact]
    public void Invalid_options_fail_naming_group_metric_field_and_value_but_never_a_secret()
    {
        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g.UsePrometheusMetric("rps", q =>
        {
            q.Server = new Uri("ftp://127.0.0.1/");
            q.Query = " ";
            q.Timeout = TimeSpan.Zero;
            q.Aggregation = (PrometheusAggregation)42;
            q.Password = "hunter2-secret";
            q.BearerToken = "bearer-secret";
        }));
        using var sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<PrometheusQueryOptions>>().Get(PrometheusOptionsKey.Create("web", "rps")));
        var message = string.Join("\n", ex.Failures);

        Assert.Contains("AutoScaling group 'web', Prometheus metric 'rps': Server is 'ftp://127.0.0.1/'", message, StringComparison.Ordinal);
        Assert.Contains("Query is ' '", message, StringComparison.Ordinal);
        Assert.Contains("Timeout is 00:00:00", message, StringComparison.Ordinal);
        Assert.Contains("Aggregation is 42", message, StringComparison.Ordinal);
        Assert.Contains("Username is null", message, StringComparison.Ordinal);
        Assert.Contains("BearerToken", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
        Assert.DoesNotContain("bearer-secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_and_metric_with_a_newline_are_shown_escaped()
    {
        var failures = PrometheusQueryOptionsValidator.Validate("web", "rps\nINFO forged", new PrometheusQueryOptions { Query = "\n\t " }).Failures;

        var failure = Assert.Single(failures);
        Assert.Equal(@"AutoScaling group 'web', Prometheus metric 'rps\nINFO forged': Query is '\n\t '; it must be a PromQL expression.", failure);
        Assert.DoesNotContain(failure, char.IsControl);
    }

    [Fact]
    public void Credentials_in_the_server_address_are_refused_without_repeating_them()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PrometheusMetricSource(
            new PrometheusQueryOptions { Server = new Uri("http://admin:s3cret@127.0.0.1:9090/"), Query = "up" },
            new HttpClient()));

        Assert.Contains("Server", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_defaults_to_the_local_prometheus()
        => Assert.Equal(new Uri("http://127.0.0.1:9090/"), new PrometheusQueryOptions().Server);

    [Fact]
    public void Missing_server_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PrometheusMetricSource(new PrometheusQueryOptions { Server = null, Query = "up" }, new HttpClient()));

        Assert.Contains("Server is null", ex.Message, StringComparison.Ordinal);
    }
}
