namespace AutoScaling.Testing;

/// <summary>
/// The contract every <see cref="IInstanceProvider"/> keeps. A provider's test class inherits this and supplies the
/// provider; every test here then runs against it (as <c>BaseRateLimiterTests</c> does for rate limiters).
/// </summary>
public abstract class InstanceProviderContractTests : IAsyncLifetime
{
    private readonly List<(IInstanceProvider Provider, ScalingInstance Instance)> _created = [];

    /// <summary>Creates a provider over the backend. Called more than once per test: later providers must see the instances of earlier ones (adoption).</summary>
    /// <returns>The provider.</returns>
    protected abstract Task<IInstanceProvider> CreateProviderAsync();

    /// <summary>Gets how long an instance may take to become active.</summary>
    protected virtual TimeSpan ActiveTimeout => TimeSpan.FromSeconds(30);

    /// <summary>Lets time pass while waiting: real providers sleep, simulated ones advance their clock.</summary>
    /// <param name="by">How long.</param>
    /// <returns>A task.</returns>
    protected virtual Task WaitAsync(TimeSpan by) => Task.Delay(by);

    /// <summary>Checks that the backend is there (call <see cref="Component.Require"/>); the default does nothing.</summary>
    /// <returns>A task.</returns>
    protected virtual Task RequireBackendAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public virtual async Task DisposeAsync()
    {
        foreach (var (provider, instance) in _created)
        {
            try
            {
                var listed = await provider.ListAsync(CancellationToken.None);
                if (listed.Any(i => i.Id == instance.Id))
                {
                    await provider.DecommissionAsync(instance, CancellationToken.None);
                }
            }
            catch (InstanceProviderException)
            {
                // best effort: the test itself reports what went wrong
            }
        }
    }

    /// <summary>Provisions an instance that the test's clean-up removes.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The instance.</returns>
    protected async Task<ScalingInstance> ProvisionTrackedAsync(IInstanceProvider provider)
    {
        var instance = await provider.ProvisionAsync(CancellationToken.None);
        _created.Add((provider, instance));
        return instance;
    }

    /// <summary>Waits until the instance is listed as active, or fails.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="id">The instance's id.</param>
    /// <returns>The active instance.</returns>
    protected async Task<ScalingInstance> WaitActiveAsync(IInstanceProvider provider, string id)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var waited = TimeSpan.Zero; waited <= ActiveTimeout; waited += step)
        {
            var found = (await provider.ListAsync(CancellationToken.None)).FirstOrDefault(i => i.Id == id);
            Assert.NotNull(found);
            Assert.NotEqual(InstanceState.Failed, found.State);
            if (found.State == InstanceState.Active)
            {
                return found;
            }

            await WaitAsync(step);
        }

        Assert.Fail($"Instance {id} did not become active within {ActiveTimeout}.");
        return null!;
    }

    /// <summary>A provisioned instance is listed, with a unique id and its creation time.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Provisioned_instance_is_listed()
    {
        await RequireBackendAsync();
        var provider = await CreateProviderAsync();
        var before = await provider.ListAsync(CancellationToken.None);
        var instance = await ProvisionTrackedAsync(provider);

        Assert.False(string.IsNullOrEmpty(instance.Id));
        Assert.DoesNotContain(before, i => i.Id == instance.Id);
        var after = await provider.ListAsync(CancellationToken.None);
        Assert.Contains(after, i => i.Id == instance.Id);
        Assert.Equal(before.Count + 1, after.Count);
    }

    /// <summary>A provisioned instance becomes active, with an address.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Provisioned_instance_becomes_active()
    {
        await RequireBackendAsync();
        var provider = await CreateProviderAsync();
        var instance = await ProvisionTrackedAsync(provider);
        var active = await WaitActiveAsync(provider, instance.Id);
        Assert.Equal(InstanceState.Active, active.State);
    }

    /// <summary>Decommissioning removes the instance from the list and leaves the others.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Decommission_removes_only_that_instance()
    {
        await RequireBackendAsync();
        var provider = await CreateProviderAsync();
        var first = await ProvisionTrackedAsync(provider);
        var second = await ProvisionTrackedAsync(provider);
        Assert.NotEqual(first.Id, second.Id);

        await provider.DecommissionAsync(first, CancellationToken.None);

        var listed = await provider.ListAsync(CancellationToken.None);
        Assert.DoesNotContain(listed, i => i.Id == first.Id);
        Assert.Contains(listed, i => i.Id == second.Id);
    }

    /// <summary>An instance the provider does not own is refused and nothing changes.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Decommission_of_unknown_instance_is_refused()
    {
        await RequireBackendAsync();
        var provider = await CreateProviderAsync();
        var owned = await ProvisionTrackedAsync(provider);
        var stranger = new ScalingInstance("not-ours-" + Guid.NewGuid().ToString("N"), "127.0.0.1:1", InstanceState.Active, DateTimeOffset.UnixEpoch);

        await Assert.ThrowsAnyAsync<InstanceProviderException>(async () => await provider.DecommissionAsync(stranger, CancellationToken.None));

        Assert.Contains(await provider.ListAsync(CancellationToken.None), i => i.Id == owned.Id);
    }

    /// <summary>A new provider over the same backend (a restarted host) lists the instances of the old one.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task New_provider_adopts_existing_instances()
    {
        await RequireBackendAsync();
        var first = await CreateProviderAsync();
        var instance = await ProvisionTrackedAsync(first);
        await WaitActiveAsync(first, instance.Id);

        var second = await CreateProviderAsync();
        var adopted = (await second.ListAsync(CancellationToken.None)).FirstOrDefault(i => i.Id == instance.Id);

        Assert.NotNull(adopted);
        Assert.Equal(InstanceState.Active, adopted.State);
        Assert.Equal((await WaitActiveAsync(first, instance.Id)).Address, adopted.Address);
    }
}
