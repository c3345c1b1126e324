using AutoScaling.InMemory;
using AutoScaling.Testing;

namespace AutoScaling.Tests.InMemory;

public class InMemoryInstanceProviderContractTests : InstanceProviderContractTests
{
    private readonly InMemoryInstanceStore _store = new();
    private readonly ManualTimeProvider _time = new();

    protected override Task<IInstanceProvider> CreateProviderAsync()
        => Task.FromResult<IInstanceProvider>(new InMemoryInstanceProvider(new InMemoryInstanceOptions { StartupDelay = TimeSpan.FromSeconds(3) }, _store, _time));

    protected override Task WaitAsync(TimeSpan by)
    {
        _time.Advance(by);
        return Task.CompletedTask;
    }
}

public class InMemoryMetricSourceContractTests : MetricSourceContractTests
{
    protected override Task<IMetricSource> CreateSourceWithValueAsync(double value)
    {
        var source = new SettableMetricSource();
        source.Set(value);
        return Task.FromResult<IMetricSource>(source);
    }

    protected override Task<IMetricSource> CreateSourceWithoutDataAsync() => Task.FromResult<IMetricSource>(new SettableMetricSource());

    protected override Task<IMetricSource> CreateFailingSourceAsync()
    {
        var source = new SettableMetricSource();
        source.SetFailed("the backend is down");
        return Task.FromResult<IMetricSource>(source);
    }

    [Fact]
    public async Task Non_finite_value_reads_as_missing()
    {
        var source = new SettableMetricSource();
        source.Set(double.NaN);
        Assert.Equal(MetricStatus.Missing, (await source.ReadAsync(new MetricReadContext("g", "m", 1), CancellationToken.None)).Status);
    }
}

public class InMemoryInstanceMetricSourceContractTests : InstanceMetricSourceContractTests
{
    protected override Task<IInstanceMetricSource> CreateSourceAsync(IReadOnlyDictionary<string, double> byAddress)
    {
        var source = new SettableMetricSource();
        foreach (var (address, value) in byAddress)
        {
            source.SetInstance(address, value);
        }

        return Task.FromResult<IInstanceMetricSource>(source);
    }

    [Fact]
    public async Task A_removed_instance_reads_as_missing_again()
    {
        var source = new SettableMetricSource();
        source.SetInstance("127.0.0.1:1", 5);
        source.RemoveInstance("127.0.0.1:1");
        var samples = new MetricSample[1];
        await source.ReadInstancesAsync(new MetricReadContext("g", "m", 1), [new ScalingInstance("a", "127.0.0.1:1", InstanceState.Active, DateTimeOffset.UnixEpoch)], samples, CancellationToken.None);
        Assert.Equal(MetricStatus.Missing, samples[0].Status);
    }
}
