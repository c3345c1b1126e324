using System.Diagnostics;
using AutoScaling.Testing;

namespace AutoScaling.Prometheus.Tests;

/// <summary>A prometheus that stops (killed) or hangs (SIGSTOP): the source fails within its timeout and the group does not scale down.</summary>
public sealed class PrometheusUnavailableTests
{
    private const int KilledPort = 19591;
    private const int HungPort = 19592;
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(1);
    private static readonly HttpClient s_http = new();

    [SkippableFact]
    public async Task Stopped_prometheus_is_failed_within_the_timeout_and_the_group_does_not_scale_down()
    {
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        using var prometheus = await PrometheusServer.StartAsync(KilledPort);
        var timeout = TimeSpan.FromSeconds(5);
        var source = new PrometheusMetricSource(new PrometheusQueryOptions { Server = prometheus.Address, Query = "vector(40)", Timeout = timeout }, s_http);
        var context = new MetricReadContext("web", "rps", 5);
        var engine = NewEngine();
        var t0 = DateTimeOffset.UtcNow;

        // While prometheus answers, the load (40 per 10 per instance) keeps 4 instances: a scale-down from 5 would be fine.
        var healthy = await source.ReadAsync(context, CancellationToken.None);
        Assert.Equal(MetricStatus.Valid, healthy.Status);

        prometheus.Process.Kill();

        var watch = Stopwatch.StartNew();
        var failed = await source.ReadAsync(context, CancellationToken.None);
        watch.Stop();

        Assert.Equal(MetricStatus.Failed, failed.Status);
        Assert.Contains("could not be reached", failed.Error, StringComparison.Ordinal);
        // Connection refused comes at once (a few ms); the generous timeout only absorbs a loaded machine's scheduling.
        Assert.True(watch.Elapsed < timeout, $"took {watch.Elapsed}");

        // Ten evaluations, well past the failure threshold and every cooldown, with the failed sample: never below 5.
        for (var tick = 0; tick < 10; tick++)
        {
            var decision = engine.Evaluate(new ScalingContext("web", t0.AddMinutes(tick * 10), 5, 5, 0, [.. engine.MetricNames], [failed]));
            Assert.True(decision.DesiredInstances >= 5, $"tick {tick}: {decision}");
        }

        // The same engine with the healthy sample does scale down: the test would catch a policy that ignores status.
        var control = NewEngine().Evaluate(new ScalingContext("web", t0, 5, 5, 0, ["rps"], [healthy]));
        Assert.Equal(4, control.DesiredInstances);
    }

    [SkippableFact]
    public async Task Hung_prometheus_is_failed_at_the_timeout()
    {
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        using var prometheus = await PrometheusServer.StartAsync(HungPort);
        var source = new PrometheusMetricSource(new PrometheusQueryOptions { Server = prometheus.Address, Query = "vector(1)", Timeout = s_timeout }, s_http);
        var context = new MetricReadContext("web", "rps", 5);
        Assert.True((await source.ReadAsync(context, CancellationToken.None)).IsValid);

        await prometheus.Process.SignalAsync("STOP");
        try
        {
            var watch = Stopwatch.StartNew();
            var sample = await source.ReadAsync(context, CancellationToken.None);
            watch.Stop();

            Assert.Equal(MetricStatus.Failed, sample.Status);
            Assert.Contains("did not answer within 1 s", sample.Error, StringComparison.Ordinal);
            Assert.InRange(watch.Elapsed, s_timeout - TimeSpan.FromMilliseconds(50), s_timeout + TimeSpan.FromSeconds(3));
        }
        finally
        {
            await prometheus.Process.SignalAsync("CONT");
        }
    }

    [Fact]
    public async Task Caller_cancellation_is_not_a_failed_sample()
    {
        var source = new PrometheusMetricSource(new PrometheusQueryOptions { Server = new Uri("http://127.0.0.1:19599/"), Query = "vector(1)" }, s_http);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await source.ReadAsync(new MetricReadContext("web", "rps", 1), cts.Token));
    }

    private static ScalingDecisionEngine NewEngine()
    {
        var options = new ScalingGroupOptions { MinInstances = 1, MaxInstances = 10, Interval = TimeSpan.FromSeconds(15) };
        options.ScaleDown.StabilizationWindow = TimeSpan.Zero;
        return new ScalingDecisionEngine("web", options, ["rps"], [new PerInstanceTargetPolicy("rps", 10)]);
    }

    /// <summary>Desired = ceil(value / target); abstains (NoData) when the metric is not valid, as policies must.</summary>
    private sealed class PerInstanceTargetPolicy(string metric, double target) : IScalingPolicy
    {
        public ScalingRecommendation Recommend(in ScalingContext context)
        {
            var sample = context.GetSample(metric);
            return sample.IsValid
                ? ScalingRecommendation.To((int)Math.Ceiling(sample.Value / target), context.CurrentInstances)
                : ScalingRecommendation.NoData(context.CurrentInstances);
        }
    }
}
