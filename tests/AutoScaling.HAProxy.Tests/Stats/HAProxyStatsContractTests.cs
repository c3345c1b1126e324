using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The metric source contract against a real haproxy: a request rate from real requests on a clock the test drives.</summary>
public sealed class HAProxyStatsContractTests(StatsFixture fixture) : MetricSourceContractTests, IClassFixture<StatsFixture>
{
    protected override Task RequireBackendAsync()
    {
        Tools.Require();
        return Task.CompletedTask;
    }

    /// <summary>17 requests in 0.4 s of the test's clock: 42.5 per second.</summary>
    protected override async Task<IMetricSource> CreateSourceWithValueAsync(double value)
    {
        Assert.Equal(42.5, value);
        var time = new ManualTimeProvider();
        var source = fixture.Source(HAProxyStatistic.RequestRate, time);
        Assert.Equal(MetricStatus.Missing, (await source.ReadAsync(new("contract", "metric", 1), CancellationToken.None)).Status);
        await fixture.SendAsync(17);
        time.Advance(TimeSpan.FromMilliseconds(400));
        return source;
    }

    /// <summary>A rate's first read has nothing to compare with.</summary>
    protected override Task<IMetricSource> CreateSourceWithoutDataAsync()
        => Task.FromResult<IMetricSource>(fixture.Source(HAProxyStatistic.RequestRate, new ManualTimeProvider()));

    protected override Task<IMetricSource> CreateFailingSourceAsync()
        => Task.FromResult<IMetricSource>(fixture.Source(HAProxyStatistic.CurrentSessions, TimeProvider.System, backend: "no_such_backend"));
}
