using AutoScaling.Testing;

namespace AutoScaling.Docker.Tests;

/// <summary>The metric source contracts on canned Engine API readings (exact values); the real daemon is in <see cref="DockerStatsTests"/>.</summary>
public sealed class DockerStatsContractTests : MetricSourceContractTests, IDisposable
{
    private readonly List<IDisposable> _owned = [];

    internal static async Task<DockerStatsSource> PrimedAsync(CannedEngine engine, List<IDisposable> owned, IReadOnlyList<ScalingInstance> instances)
    {
        var time = new ManualTimeProvider();
        var readers = new DockerStatsReaders(time);
        owned.Add(readers);
        var source = new DockerStatsSource(readers.Get(CannedEngine.Group, new DockerStatsOptions { DockerHost = engine.Host, OwnerId = CannedEngine.Owner }), DockerStatistic.CpuPercent, time);
        var first = new MetricSample[instances.Count];
        await source.ReadInstancesAsync(new(CannedEngine.Group, "cpu", instances.Count), instances, first, CancellationToken.None);
        Assert.All(first, s => Assert.Equal(MetricStatus.Missing, s.Status)); // CPU needs two readings
        time.Advance(TimeSpan.FromSeconds(1));
        return source;
    }

    protected override async Task<IMetricSource> CreateSourceWithValueAsync(double value)
    {
        var engine = new CannedEngine(new Dictionary<int, double> { [18201] = value });
        _owned.Add(engine);
        return await PrimedAsync(engine, _owned, [new("x", "127.0.0.1:18201", InstanceState.Active, DateTimeOffset.UnixEpoch)]);
    }

    protected override async Task<IMetricSource> CreateSourceWithoutDataAsync()
    {
        var engine = new CannedEngine(new Dictionary<int, double>());
        _owned.Add(engine);
        return await PrimedAsync(engine, _owned, []);
    }

    protected override Task<IMetricSource> CreateFailingSourceAsync()
    {
        var readers = new DockerStatsReaders(TimeProvider.System);
        _owned.Add(readers);
        return Task.FromResult<IMetricSource>(new DockerStatsSource(readers.Get("g", new DockerStatsOptions { DockerHost = "unix:///nonexistent/docker.sock", RequestTimeout = TimeSpan.FromSeconds(2) }), DockerStatistic.CpuPercent, TimeProvider.System));
    }

    public void Dispose() => _owned.ForEach(o => o.Dispose());
}

/// <summary>The per-instance contract on canned readings: instances matched to containers by the port of their address.</summary>
public sealed class DockerStatsInstanceContractTests : InstanceMetricSourceContractTests, IDisposable
{
    private readonly List<IDisposable> _owned = [];

    protected override async Task<IInstanceMetricSource> CreateSourceAsync(IReadOnlyDictionary<string, double> byAddress)
    {
        var engine = new CannedEngine(byAddress.ToDictionary(kv => int.Parse(kv.Key.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value));
        _owned.Add(engine);
        return await DockerStatsContractTests.PrimedAsync(engine, _owned, Instances);
    }

    public void Dispose() => _owned.ForEach(o => o.Dispose());
}
