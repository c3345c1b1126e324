using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace AutoScaling.Prometheus.Tests;

/// <summary>
/// 1,000 consecutive reads through one source against the local prometheus all succeed. Also reports the latency
/// (p50 / p99) and the bytes allocated per read; nothing here asserts a time. Set AUTOSCALING_RESULTS_DIR to also
/// write the report as markdown.
/// </summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class PrometheusQueryLatencyTests(PrometheusFixture fixture, ITestOutputHelper output)
{
    private const int Reads = 1000;

    [SkippableFact]
    public async Task Thousand_reads_are_valid_and_latency_is_reported()
    {
        PrometheusFixture.Require();
        using var clients = new PrometheusHttpClients();
        var options = new PrometheusQueryOptions { Server = fixture.Server, Query = "sum(rate(haproxy_backend_http_requests_total{proxy=\"web\"}[10s])) or vector(1)" };
        var source = new PrometheusMetricSource(options, clients.GetClient(options));
        var context = new MetricReadContext("web", "rps", 3);
        for (var i = 0; i < 50; i++)
        {
            Assert.True((await source.ReadAsync(context, CancellationToken.None)).IsValid); // warm-up: connection, JIT
        }

        var latencies = new double[Reads];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Reads; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var sample = await source.ReadAsync(context, CancellationToken.None);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Assert.True(sample.IsValid, sample.ToString());
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)Reads;
        Array.Sort(latencies);
        var report = string.Create(
            CultureInfo.InvariantCulture,
            $"| reads | p50 | p90 | p99 | max | allocated per read (process-wide, approx.) |\n|---:|---:|---:|---:|---:|---:|\n| {Reads} | {latencies[Reads / 2]:0.000} ms | {latencies[(Reads * 90) / 100]:0.000} ms | {latencies[(Reads * 99) / 100]:0.000} ms | {latencies[^1]:0.000} ms | {allocated:0} B |\n");
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("AUTOSCALING_RESULTS_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "prometheus-query-latency.md"), report);
        }
    }
}
