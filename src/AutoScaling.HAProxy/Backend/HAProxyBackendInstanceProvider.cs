using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.HAProxy;

/// <summary>
/// Wraps any <see cref="IInstanceProvider"/> and keeps an HAProxy backend in step with it. Scale-out: provision →
/// wait until the inner provider lists it active → register the server (no request before its first good check)
/// → routed. Scale-in: drain → deregister → decommission. Listing refines the inner state with HAProxy's view.
/// </summary>
public sealed partial class HAProxyBackendInstanceProvider : IInstanceProvider
{
    /// <summary>The metadata key holding the instance's HAProxy server name.</summary>
    public const string ServerMetadataKey = "haproxy.server";

    /// <summary>The metadata key holding the HAProxy backend's name.</summary>
    public const string BackendMetadataKey = "haproxy.backend";

    private readonly IInstanceProvider _inner;
    private readonly HAProxyBackendPool _pool;
    private readonly HAProxyBackendOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _joining = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _leaving = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="HAProxyBackendInstanceProvider"/> class.</summary>
    /// <param name="inner">The provider of the instances.</param>
    /// <param name="pool">The HAProxy backend.</param>
    /// <param name="options">The options (validated).</param>
    /// <param name="timeProvider">The time provider for waits.</param>
    /// <param name="logger">The logger.</param>
    public HAProxyBackendInstanceProvider(IInstanceProvider inner, HAProxyBackendPool pool, HAProxyBackendOptions options, TimeProvider? timeProvider = null, ILogger<HAProxyBackendInstanceProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _pool = pool;
        _options = options;
        HAProxyNames.RequireName(options.ServerNamePrefix, "server name prefix");
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the server name an instance at <paramref name="address"/> gets in dynamic mode: the prefix, the IP (<c>:</c> as <c>_</c>) and the port.</summary>
    /// <param name="address">The instance's address.</param>
    /// <returns>The server name, for example <c>as-127.0.0.1-19201</c>.</returns>
    public string ServerNameFor(IPEndPoint address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return $"{_options.ServerNamePrefix}{address.Address.ToString().Replace(':', '_')}-{address.Port}";
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var instances = await _inner.ListAsync(cancellationToken).ConfigureAwait(false);
        var servers = await OwnedServersAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ScalingInstance>(instances.Count);
        foreach (var instance in instances)
        {
            result.Add(Refine(instance, servers));
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        var instance = await _inner.ProvisionAsync(cancellationToken).ConfigureAwait(false);
        _joining[instance.Id] = 0;
        string? server = null;
        try
        {
            var deadline = _time.GetUtcNow() + _options.ActiveTimeout;
            var active = await WaitInnerActiveAsync(instance, deadline, cancellationToken).ConfigureAwait(false);
            var endpoint = EndPointOf(active);
            // Enable adds the server, or takes back one of ours left in maintenance at this address by a host that stopped mid-way.
            var change = _options.UseSlots ? BackendChange.TakeSlot(_options.ServerNamePrefix, endpoint) : BackendChange.Enable(ServerNameFor(endpoint), endpoint);
            server = (await _pool.ApplyOrThrowAsync([change], cancellationToken).ConfigureAwait(false)).Servers[0];
            Log.Registered(_logger, active.Id, _pool.Backend, server);

            var state = InstanceState.Starting;
            if (_options.WaitUntilRouted)
            {
                await WaitRoutedAsync(active, server, deadline, cancellationToken).ConfigureAwait(false);
                state = InstanceState.Active;
            }

            return WithServer(active, server) with { State = state };
        }
        catch (Exception ex) when (ex is InstanceProviderException or OperationCanceledException or ArgumentException)
        {
            await LeaveNothingBehindAsync(instance, server).ConfigureAwait(false);
            if (ex is OperationCanceledException or InstanceProviderException)
            {
                throw;
            }

            throw new InstanceProviderException(ex.Message, ex);
        }
        finally
        {
            _joining.TryRemove(instance.Id, out _);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var owned = (await _inner.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.Id == instance.Id)
            ?? throw new InstanceProviderException($"Instance '{instance.Id}' is not owned by this group's provider; nothing was changed in HAProxy backend '{_pool.Backend}'.");
        _leaving[owned.Id] = 0;
        try
        {
            if (HAProxyNames.TryParseEndPoint(owned.Address, out var endpoint))
            {
                var servers = await OwnedServersAsync(cancellationToken).ConfigureAwait(false);
                if (servers.TryGetValue(HAProxyNames.Format(endpoint), out var server))
                {
                    var change = _options.UseSlots ? BackendChange.FreeSlot(server.Name) : BackendChange.Remove(server.Name);
                    var result = await _pool.ApplyOrThrowAsync([change], cancellationToken).ConfigureAwait(false);
                    Log.Deregistered(_logger, owned.Id, _pool.Backend, server.Name, result.CutServers.Count > 0);
                }
            }

            await _inner.DecommissionAsync(owned, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _leaving.TryRemove(owned.Id, out _);
        }
    }

    private async Task<Dictionary<string, HAProxyServerState>> OwnedServersAsync(CancellationToken cancellationToken)
    {
        var servers = await _pool.ListServersAsync(cancellationToken).ConfigureAwait(false);
        var owned = new Dictionary<string, HAProxyServerState>(StringComparer.Ordinal);
        foreach (var server in servers)
        {
            if (IsOwned(server))
            {
                owned.TryAdd(server.Endpoint, server);
            }
        }

        return owned;
    }

    private bool IsOwned(HAProxyServerState server)
    {
        var prefix = _options.ServerNamePrefix;
        if (!server.Name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return !_options.UseSlots || (!server.IsFreeSlot && server.Name.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0 && server.Name.Length > prefix.Length);
    }

    private ScalingInstance Refine(ScalingInstance instance, Dictionary<string, HAProxyServerState> servers)
    {
        if (!HAProxyNames.TryParseEndPoint(instance.Address, out var endpoint))
        {
            return instance.State == InstanceState.Active
                ? instance with { State = InstanceState.Failed, FailureReason = $"Its address '{instance.Address}' is not an IP literal and a port; HAProxy cannot route to it." }
                : instance;
        }

        servers.TryGetValue(HAProxyNames.Format(endpoint), out var server);
        var refined = server is null ? instance : WithServer(instance, server.Name);
        if (instance.State != InstanceState.Active)
        {
            return refined;
        }

        if (_leaving.ContainsKey(instance.Id))
        {
            return refined with { State = InstanceState.Draining };
        }

        if (server is null)
        {
            return _joining.ContainsKey(instance.Id)
                ? refined with { State = InstanceState.Starting }
                : refined with { State = InstanceState.Failed, FailureReason = $"It is not registered in HAProxy backend '{_pool.Backend}'." };
        }

        if (server.IsInMaintenance)
        {
            return refined with { State = InstanceState.Failed, FailureReason = $"HAProxy server '{_pool.Backend}/{server.Name}' is in maintenance." };
        }

        if (server.IsDraining)
        {
            return refined with { State = InstanceState.Draining };
        }

        return server.Operational is HAProxyOperationalState.Running or HAProxyOperationalState.Starting
            ? refined
            : refined with { State = InstanceState.Starting };
    }

    private ScalingInstance WithServer(ScalingInstance instance, string server)
    {
        var metadata = new Dictionary<string, string>(instance.Metadata, StringComparer.Ordinal)
        {
            [ServerMetadataKey] = server,
            [BackendMetadataKey] = _pool.Backend,
        };
        return instance with { Metadata = metadata };
    }

    private static IPEndPoint EndPointOf(ScalingInstance instance)
        => HAProxyNames.TryParseEndPoint(instance.Address, out var endpoint)
            ? endpoint
            : throw new InstanceProviderException($"Instance '{instance.Id}' has the address '{instance.Address}', not an IP literal and a port (as 127.0.0.1:8080); it cannot be registered in HAProxy.");

    private async Task<ScalingInstance> WaitInnerActiveAsync(ScalingInstance instance, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = (await _inner.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => i.Id == instance.Id)
                ?? throw new InstanceProviderException($"Instance '{instance.Id}' disappeared from the inner provider before it became active.");
            switch (found.State)
            {
                case InstanceState.Active:
                    return found;
                case InstanceState.Failed or InstanceState.Draining:
                    throw new InstanceProviderException($"Instance '{instance.Id}' became {found.State} before it was active: {found.FailureReason}");
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new InstanceProviderException($"Instance '{instance.Id}' was not active within {_options.ActiveTimeout}.");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitRoutedAsync(ScalingInstance instance, string server, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = (await _pool.ListServersAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Name == server)
                ?? throw new InstanceProviderException($"HAProxy server '{_pool.Backend}/{server}' disappeared while instance '{instance.Id}' was starting.");
            if (state.Operational is HAProxyOperationalState.Running or HAProxyOperationalState.Starting)
            {
                return; // Starting is up in its slow start: it takes requests, at a weight that ramps up
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new InstanceProviderException($"HAProxy server '{_pool.Backend}/{server}' (instance '{instance.Id}') did not pass a health check within {_options.ActiveTimeout}.");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LeaveNothingBehindAsync(ScalingInstance instance, string? server)
    {
        try
        {
            if (server is not null)
            {
                var change = _options.UseSlots ? BackendChange.FreeSlot(server) : BackendChange.Remove(server);
                await _pool.ApplyOrThrowAsync([change], CancellationToken.None).ConfigureAwait(false);
            }

            await _inner.DecommissionAsync(instance, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InstanceProviderException ex)
        {
            Log.CleanupFailed(_logger, instance.Id, ex.Message);
        }
    }
}
