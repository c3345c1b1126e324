namespace AutoScaling.Testing;

/// <summary>The contract every <see cref="IInstanceMetricSource"/> keeps; a source's test class inherits this and supplies the sources.</summary>
public abstract class InstanceMetricSourceContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the instances the contract reads: two active and one starting with addresses 127.0.0.1:18101-18103, one starting without an address.</summary>
    public static IReadOnlyList<ScalingInstance> Instances { get; } =
    [
        new("a", "127.0.0.1:18101", InstanceState.Active, Created),
        new("b", "127.0.0.1:18102", InstanceState.Active, Created),
        new("c", "127.0.0.1:18103", InstanceState.Starting, Created),
        new("d", null, InstanceState.Starting, Created),
    ];

    /// <summary>Creates a source whose backend has these values per instance address (and none for other addresses).</summary>
    /// <param name="byAddress">The values, by <c>host:port</c>.</param>
    /// <returns>The source.</returns>
    protected abstract Task<IInstanceMetricSource> CreateSourceAsync(IReadOnlyDictionary<string, double> byAddress);

    /// <summary>Checks that the backend is there (call <see cref="Component.Require"/>); the default does nothing.</summary>
    /// <returns>A task.</returns>
    protected virtual Task RequireBackendAsync() => Task.CompletedTask;

    private static MetricReadContext Context => new("contract", "metric", Instances.Count);

    /// <summary>Values are matched to the instances by address; an instance without a value, or without an address, is Missing, never zero.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Values_are_matched_by_address_and_the_others_are_missing()
    {
        await RequireBackendAsync();
        var source = await CreateSourceAsync(new Dictionary<string, double> { ["127.0.0.1:18101"] = 30, ["127.0.0.1:18103"] = 7.5, ["127.0.0.1:19999"] = 500 });
        var samples = new MetricSample[Instances.Count];
        await source.ReadInstancesAsync(Context, Instances, samples, CancellationToken.None);

        Assert.Equal([MetricStatus.Valid, MetricStatus.Missing, MetricStatus.Valid, MetricStatus.Missing], samples.Select(s => s.Status));
        Assert.Equal(30, samples[0].Value, 6);
        Assert.Equal(7.5, samples[2].Value, 6);
    }

    /// <summary>With no value at all, every instance is Missing.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task No_values_are_all_missing()
    {
        await RequireBackendAsync();
        var source = await CreateSourceAsync(new Dictionary<string, double>());
        var samples = new MetricSample[Instances.Count];
        await source.ReadInstancesAsync(Context, Instances, samples, CancellationToken.None);

        Assert.All(samples, s => Assert.Equal(MetricStatus.Missing, s.Status));
    }
}
