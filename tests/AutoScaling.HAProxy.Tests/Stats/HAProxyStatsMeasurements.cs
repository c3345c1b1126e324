using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace AutoScaling.HAProxy.Tests;

/// <summary>
/// Measures one evaluation of two metrics of one backend (request rate for the group and per server, sessions for the
/// group) over the real runtime API: one shared <c>show stat</c>. Bounded: 100 evaluations, 100 ms apart (more than the shared snapshot's 50 ms, so every evaluation makes its own exchange).
/// </summary>
[Trait("Category", "Measure")]
public sealed class HAProxyStatsMeasurements(StatsFixture fixture, ITestOutputHelper output) : IClassFixture<StatsFixture>
{
    [SkippableFact]
    public async Task Evaluation_time_of_two_metrics_sharing_one_show_stat()
    {
        Tools.Require();
        var readers = new HAProxyStatsReaders(TimeProvider.System);
        var options = new HAProxyStatsOptions { SocketPath = fixture.HAProxy.SocketPath, Backend = "stats" };
        var rate = new HAProxyStatsSource(readers.Get(options), HAProxyStatistic.RequestRate, TimeProvider.System);
        var sessions = new HAProxyStatsSource(readers.Get(options), HAProxyStatistic.CurrentSessions, TimeProvider.System);
        ScalingInstance[] instances = [.. fixture.Backends.Select(b => new ScalingInstance(b.Name, b.Address, InstanceState.Active, DateTimeOffset.UnixEpoch))];
        var samples = new MetricSample[instances.Length];
        var context = new MetricReadContext("web", "rps", instances.Length);
        var times = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var clock = Stopwatch.StartNew();
            await rate.ReadAsync(context, default);
            await rate.ReadInstancesAsync(context, instances, samples, default);
            Assert.True((await sessions.ReadAsync(context, default)).IsValid);
            times.Add(clock.Elapsed.TotalMilliseconds);
            await Task.Delay(100);
        }

        times.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"UseHAProxyStats evaluation (rate group + per server + sessions, one show stat): n={times.Count}, p50={times[times.Count / 2]:F2} ms, p99={times[(int)(times.Count * 0.99)]:F2} ms, max={times[^1]:F2} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }
}
