using System.Globalization;

namespace AutoScaling.InMemory;

/// <summary>
/// Simulated instances: each starts after <see cref="InMemoryInstanceOptions.StartupDelay"/> and fails to start with
/// probability <see cref="InMemoryInstanceOptions.FailureRate"/>. States follow the <see cref="TimeProvider"/>, so tests
/// drive them with a manual clock. Providers built over the same <see cref="InMemoryInstanceStore"/> see the same
/// instances, as a restarted host sees its containers.
/// </summary>
public sealed class InMemoryInstanceProvider : IInstanceProvider
{
    private readonly InMemoryInstanceStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _startupDelay;
    private readonly double _failureRate;
    private readonly Random _random;

    /// <summary>Initializes a new instance of the <see cref="InMemoryInstanceProvider"/> class.</summary>
    /// <param name="options">The options.</param>
    /// <param name="store">Where the instances live; shared by providers that should see the same instances.</param>
    /// <param name="timeProvider">The clock.</param>
    public InMemoryInstanceProvider(InMemoryInstanceOptions options, InMemoryInstanceStore store, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _time = timeProvider;
        _startupDelay = options.StartupDelay;
        _failureRate = options.FailureRate;
        _random = options.Seed is int seed ? new Random(seed) : new Random();
    }

    /// <summary>Gets the store the instances live in.</summary>
    public InMemoryInstanceStore Store => _store;

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult(_store.Snapshot(_time.GetUtcNow()));

    /// <inheritdoc/>
    public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool fails;
        lock (_random)
        {
            fails = _failureRate > 0 && _random.NextDouble() < _failureRate;
        }

        var now = _time.GetUtcNow();
        var record = _store.Add(now, now + _startupDelay, fails);
        return ValueTask.FromResult(record.ToInstance(now));
    }

    /// <inheritdoc/>
    public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_store.Remove(instance.Id))
        {
            throw new InstanceProviderException(string.Create(CultureInfo.InvariantCulture, $"Instance '{instance.Id}' is not owned by this in-memory provider."));
        }

        return ValueTask.CompletedTask;
    }
}
