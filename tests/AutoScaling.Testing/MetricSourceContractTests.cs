namespace AutoScaling.Testing;

/// <summary>The contract every <see cref="IMetricSource"/> keeps; a source's test class inherits this and supplies the sources.</summary>
public abstract class MetricSourceContractTests
{
    /// <summary>Creates a source that reads <paramref name="value"/>.</summary>
    /// <param name="value">A finite value.</param>
    /// <returns>The source.</returns>
    protected abstract Task<IMetricSource> CreateSourceWithValueAsync(double value);

    /// <summary>Creates a source whose backend has no data.</summary>
    /// <returns>The source.</returns>
    protected abstract Task<IMetricSource> CreateSourceWithoutDataAsync();

    /// <summary>Creates a source whose backend fails (an error answer, or unreachable).</summary>
    /// <returns>The source.</returns>
    protected abstract Task<IMetricSource> CreateFailingSourceAsync();

    /// <summary>Checks that the backend is there (call <see cref="Component.Require"/>); the default does nothing.</summary>
    /// <returns>A task.</returns>
    protected virtual Task RequireBackendAsync() => Task.CompletedTask;

    private static MetricReadContext Context => new("contract", "metric", 1);

    /// <summary>A value is read back as a valid sample.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Value_is_read_as_valid()
    {
        await RequireBackendAsync();
        var source = await CreateSourceWithValueAsync(42.5);
        var sample = await source.ReadAsync(Context, CancellationToken.None);
        Assert.Equal(MetricStatus.Valid, sample.Status);
        Assert.Equal(42.5, sample.Value, 6);
    }

    /// <summary>No data is Missing, never zero.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task No_data_is_missing_not_zero()
    {
        await RequireBackendAsync();
        var source = await CreateSourceWithoutDataAsync();
        var sample = await source.ReadAsync(Context, CancellationToken.None);
        Assert.Equal(MetricStatus.Missing, sample.Status);
        Assert.False(sample.IsValid);
    }

    /// <summary>A failing backend gives a Failed sample with a message, not an exception.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Failure_is_a_failed_sample_with_a_message()
    {
        await RequireBackendAsync();
        var source = await CreateFailingSourceAsync();
        var sample = await source.ReadAsync(Context, CancellationToken.None);
        Assert.Equal(MetricStatus.Failed, sample.Status);
        Assert.False(string.IsNullOrWhiteSpace(sample.Error));
    }
}
