using System.Collections.Concurrent;
using System.Net;

namespace AutoScaling.HAProxy;

/// <summary>
/// An <see cref="IInstanceProvider"/> over a fixed set of known servers of one HAProxy backend (SproutScaler's
/// <c>java-service-1</c>…<c>5</c>): provisioning puts the first server not in service in service (absent ones are added),
/// decommissioning drains it and puts it in maintenance. An instance is a configured server that is not in maintenance.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim never creates a wait handle (AvailableWaitHandle is not used), so it holds nothing to dispose.")]
internal sealed class HAProxyServerPoolInstanceProvider : IInstanceProvider
{
    /// <summary>The metadata key holding the instance's HAProxy server name.</summary>
    public const string ServerMetadataKey = "haproxy.server";

    /// <summary>The metadata key holding the HAProxy backend's name.</summary>
    public const string BackendMetadataKey = "haproxy.backend";

    private readonly HAProxyBackendPool _pool;
    private readonly TimeProvider _time;
    private readonly (string Name, IPEndPoint Address)[] _servers;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _provisioning = new(1, 1);

    /// <summary>Initializes a new instance of the <see cref="HAProxyServerPoolInstanceProvider"/> class.</summary>
    /// <param name="pool">The HAProxy backend.</param>
    /// <param name="options">The options (validated).</param>
    /// <param name="timeProvider">The time provider.</param>
    public HAProxyServerPoolInstanceProvider(HAProxyBackendPool pool, HAProxyServerPoolOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        _pool = pool;
        _time = timeProvider ?? TimeProvider.System;
        _servers = options.Servers
            .Select(s => (HAProxyNames.RequireName(s.Name, "server"), HAProxyNames.ParseEndPoint(s.Address, "Servers:Address")))
            .ToArray();
        if (_servers.Length == 0)
        {
            throw new ArgumentException("The server pool needs at least one server.", nameof(options));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var states = await StatesAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var result = new List<ScalingInstance>();
        foreach (var (name, address) in _servers)
        {
            if (!states.TryGetValue(name, out var state) || state.IsInMaintenance)
            {
                _since.TryRemove(name, out _);
                continue;
            }

            var since = _since.GetOrAdd(name, now - TimeSpan.FromSeconds(state.SecondsSinceLastChange));
            var instanceState = state.IsDraining ? InstanceState.Draining
                : state.Operational is HAProxyOperationalState.Running or HAProxyOperationalState.Starting ? InstanceState.Active
                : InstanceState.Starting;
            result.Add(new ScalingInstance(name, HAProxyNames.Format(address), instanceState, since)
            {
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [HAProxyServerPoolInstanceProvider.ServerMetadataKey] = name,
                    [HAProxyServerPoolInstanceProvider.BackendMetadataKey] = _pool.Backend,
                },
            });
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        await _provisioning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var states = await StatesAsync(cancellationToken).ConfigureAwait(false);
            var free = _servers.Where(s => !states.TryGetValue(s.Name, out var state) || state.IsInMaintenance).ToArray();
            if (free.Length == 0)
            {
                throw new InstanceProviderException($"All {_servers.Length} servers of the pool in HAProxy backend '{_pool.Backend}' are in service.");
            }

            var (name, address) = free[0];
            await _pool.ApplyOrThrowAsync([BackendChange.Enable(name, address)], cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            _since[name] = now;
            return new ScalingInstance(name, HAProxyNames.Format(address), InstanceState.Starting, now);
        }
        finally
        {
            _provisioning.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!_servers.Any(s => s.Name == instance.Id))
        {
            throw new InstanceProviderException($"Instance '{instance.Id}' is not a server of this pool in HAProxy backend '{_pool.Backend}'; nothing was changed.");
        }

        var states = await StatesAsync(cancellationToken).ConfigureAwait(false);
        if (!states.TryGetValue(instance.Id, out var state) || state.IsInMaintenance)
        {
            throw new InstanceProviderException($"HAProxy server '{_pool.Backend}/{instance.Id}' is not in service; nothing was changed.");
        }

        await _pool.ApplyOrThrowAsync([BackendChange.Disable(instance.Id)], cancellationToken).ConfigureAwait(false);
        _since.TryRemove(instance.Id, out _);
    }

    private async Task<Dictionary<string, HAProxyServerState>> StatesAsync(CancellationToken cancellationToken)
        => (await _pool.ListServersAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Name, StringComparer.Ordinal);
}
