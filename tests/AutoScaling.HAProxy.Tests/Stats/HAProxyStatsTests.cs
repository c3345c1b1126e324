using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The stats source against a real haproxy with real requests through it; rates on a clock the test drives.</summary>
public sealed class HAProxyStatsTests(StatsFixture fixture) : IClassFixture<StatsFixture>
{
    private static readonly MetricReadContext Context = new("web", "m", 2);

    private IReadOnlyList<ScalingInstance> Instances =>
    [
        new("one", fixture.Backends[0].Address, InstanceState.Active, DateTimeOffset.UnixEpoch),
        new("two", null, InstanceState.Active, DateTimeOffset.UnixEpoch) { Metadata = new Dictionary<string, string> { [HAProxyServerPoolInstanceProvider.ServerMetadataKey] = "s2" } },
        new("three", "127.0.0.1:1", InstanceState.Active, DateTimeOffset.UnixEpoch),
    ];

    [SkippableFact]
    public async Task Request_rate_of_the_backend_and_of_each_server_from_real_requests()
    {
        Tools.Require();
        var time = new ManualTimeProvider();
        var source = fixture.Source(HAProxyStatistic.RequestRate, time);
        var samples = new MetricSample[3];
        Assert.Equal(MetricStatus.Missing, (await source.ReadAsync(Context, default)).Status);
        await source.ReadInstancesAsync(Context, Instances, samples, default);
        Assert.All(samples, s => Assert.Equal(MetricStatus.Missing, s.Status));

        await fixture.SendAsync(20);
        time.Advance(TimeSpan.FromSeconds(2));

        var group = await source.ReadAsync(Context, default);
        await source.ReadInstancesAsync(Context, Instances, samples, default);
        Assert.Equal(10, group.Value, 6);
        Assert.Equal(5, samples[0].Value, 6); // round robin: 10 of the 20 requests each, over 2 s
        Assert.Equal(5, samples[1].Value, 6); // matched by the haproxy.server metadata
        Assert.Equal(MetricStatus.Missing, samples[2].Status); // no server at that address
    }

    [SkippableFact]
    public async Task Current_sessions_count_requests_in_flight()
    {
        Tools.Require();
        var source = fixture.Source(HAProxyStatistic.CurrentSessions, TimeProvider.System);
        Assert.Equal(0, (await source.ReadAsync(Context, default)).Value);
        var before = await fixture.RequestsCountedAsync();
        var slow = Enumerable.Range(0, 3).Select(_ => Http.GetAsync(fixture.Port, "/cgi-bin/slow?2")).ToList();
        try
        {
            await Http.UntilAsync(async () => (await source.ReadAsync(Context, default)).Value == 3, "three sessions on the backend", 5);
            var samples = new MetricSample[3];
            await source.ReadInstancesAsync(Context, Instances, samples, default);
            Assert.Equal(3, samples[0].Value + samples[1].Value);
        }
        finally
        {
            await Task.WhenAll(slow);
            await fixture.WaitCountedAsync(before, 3); // counted before the next test of this class reads its first rate
        }
    }

    [SkippableFact]
    public async Task Response_time_is_missing_until_a_request_is_served_then_the_average_in_milliseconds()
    {
        Tools.Require();
        var quiet = new HAProxyStatsSource(new HAProxyStatsReaders(TimeProvider.System).Get(new HAProxyStatsOptions { SocketPath = fixture.HAProxy.SocketPath, Backend = "stats" }), HAProxyStatistic.AverageResponseTime, TimeProvider.System);
        var before = await quiet.ReadAsync(Context, default);
        await fixture.SendAsync(2, "/cgi-bin/slow?0.3");
        var after = await quiet.ReadAsync(Context, default);

        if (before.IsValid)
        {
            Assert.True(before.Value >= 0); // an earlier test of this class already served requests
        }
        else
        {
            Assert.Equal(MetricStatus.Missing, before.Status);
        }

        Assert.True(after.IsValid, after.ToString());
        Assert.InRange(after.Value, 1, 5000);
    }

    [SkippableFact]
    public async Task Metrics_of_one_backend_share_one_show_stat_per_evaluation()
    {
        Tools.Require();
        var time = new ManualTimeProvider();
        var reader = new HAProxyStatsReaders(time).Get(new HAProxyStatsOptions { SocketPath = fixture.HAProxy.SocketPath, Backend = "stats" });
        var first = await reader.ReadAsync(default);
        var again = await reader.ReadAsync(default);
        time.Advance(HAProxyStatsReader.MaxAge);
        var later = await reader.ReadAsync(default);

        Assert.Same(first, again);
        Assert.NotSame(first, later);
    }

    [SkippableFact]
    public async Task Unreachable_runtime_api_fails_every_instance_with_a_message()
    {
        var source = new HAProxyStatsSource(new HAProxyStatsReaders(TimeProvider.System).Get(new HAProxyStatsOptions { SocketPath = "/nonexistent/haproxy.sock", Backend = "stats" }), HAProxyStatistic.RequestRate, TimeProvider.System);
        var samples = new MetricSample[3];
        await source.ReadInstancesAsync(Context, Instances, samples, default);
        Assert.All(samples, s => Assert.Equal(MetricStatus.Failed, s.Status));
        Assert.Contains("no socket file", samples[0].Error, StringComparison.Ordinal);
    }
}

/// <summary>A restart of haproxy resets its counters: the rate is missing once, never negative, then counts again.</summary>
public sealed class HAProxyStatsResetTests(StatsFixture fixture) : IClassFixture<StatsFixture>
{
    [SkippableFact]
    public async Task Counter_reset_is_missing_never_negative()
    {
        Tools.Require();
        var context = new MetricReadContext("web", "rps", 2);
        var time = new ManualTimeProvider();
        var source = fixture.Source(HAProxyStatistic.RequestRate, time);
        await fixture.SendAsync(30);
        await source.ReadAsync(context, default);
        await fixture.SendAsync(10);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, (await source.ReadAsync(context, default)).Value, 6);

        await fixture.HAProxy.RestartAsync();
        await fixture.SendAsync(4);
        time.Advance(TimeSpan.FromSeconds(1));
        var afterReset = await source.ReadAsync(context, default);
        await fixture.SendAsync(6);
        time.Advance(TimeSpan.FromSeconds(2));
        var next = await source.ReadAsync(context, default);

        Assert.Equal(MetricStatus.Missing, afterReset.Status);
        Assert.Contains("went down", afterReset.Error, StringComparison.Ordinal);
        Assert.Equal(3, next.Value, 6);
    }
}

/// <summary>The rate arithmetic on its own.</summary>
public sealed class CounterRateTests
{
    [Fact]
    public void First_read_is_missing_then_rates_and_a_decrease_is_missing_never_negative()
    {
        var time = new ManualTimeProvider();
        var rate = default(CounterRate);
        Assert.NotNull(rate.Next(100, time.GetTimestamp(), time, out _));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Null(rate.Next(140, time.GetTimestamp(), time, out var perSecond));
        Assert.Equal(10, perSecond, 9);
        Assert.Null(rate.Next(140, time.GetTimestamp(), time, out var same)); // same read again: same answer
        Assert.Equal(10, same, 9);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(rate.Next(5, time.GetTimestamp(), time, out var reset));
        Assert.True(double.IsNaN(reset));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(rate.Next(5, time.GetTimestamp(), time, out var idle));
        Assert.Equal(0, idle);
    }
}
