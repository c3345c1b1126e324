using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The per-instance contract: request rates from two canned <c>show stat</c> replies 0.4 s apart, matched by address.</summary>
public sealed class HAProxyStatsInstanceContractTests : InstanceMetricSourceContractTests, IDisposable
{
    private readonly List<CannedStatsSocket> _sockets = [];

    protected override async Task<IInstanceMetricSource> CreateSourceAsync(IReadOnlyDictionary<string, double> byAddress)
    {
        var first = CannedStatsSocket.Reply(0, byAddress.Keys.Select(a => (a, 0L)));
        var second = CannedStatsSocket.Reply(0, byAddress.Select(kv => (kv.Key, (long)(kv.Value * 0.4))));
        var socket = new CannedStatsSocket(first, second);
        _sockets.Add(socket);
        var time = new ManualTimeProvider();
        var source = new HAProxyStatsSource(new HAProxyStatsReaders(time).Get(new HAProxyStatsOptions { SocketPath = socket.Path, Backend = "web" }), HAProxyStatistic.RequestRate, time);
        var samples = new MetricSample[Instances.Count];
        await source.ReadInstancesAsync(new("contract", "metric", Instances.Count), Instances, samples, CancellationToken.None);
        Assert.All(samples, s => Assert.Equal(MetricStatus.Missing, s.Status));
        time.Advance(TimeSpan.FromMilliseconds(400));
        return source;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
