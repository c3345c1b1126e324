using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.HAProxy;

/// <summary>
/// Routes a group's instances through an HAProxy backend, with the runtime API (no reload). Registering adds a server
/// that takes no request before its first good check; draining stops new requests and waits for the sessions to end
/// (or cuts them at <see cref="HAProxyPoolOptions.DrainTimeout"/>) and leaves the server in maintenance; deregistering
/// deletes it (or frees its <c>server-template</c> slot). Only servers with the configured prefix are listed or touched.
/// </summary>
internal sealed partial class HAProxyBackendRouter : IInstanceRouter
{
    private readonly HAProxyBackendPool _pool;
    private readonly HAProxyBackendOptions _options;
    private readonly ILogger _logger;

    public HAProxyBackendRouter(HAProxyBackendPool pool, HAProxyBackendOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        _pool = pool;
        _options = options;
        HAProxyNames.RequireName(options.ServerNamePrefix, "server name prefix");
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the server name an instance at <paramref name="address"/> gets in dynamic mode: the prefix, the IP (<c>:</c> as <c>_</c>) and the port.</summary>
    public string ServerNameFor(IPEndPoint address) => $"{_options.ServerNamePrefix}{address.Address.ToString().Replace(':', '_')}-{address.Port}";

    public async ValueTask<IReadOnlyList<RouteRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        var servers = await Call(() => _pool.ListServersAsync(cancellationToken), "list servers").ConfigureAwait(false);
        var result = new List<RouteRegistration>();
        foreach (var server in servers)
        {
            if (IsOwned(server))
            {
                result.Add(ToRegistration(server));
            }
        }

        return result;
    }

    public async ValueTask RegisterAsync(IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var changes = new List<BackendChange>(instances.Count);
        foreach (var instance in instances)
        {
            var endpoint = HAProxyNames.TryParseEndPoint(instance.Address, out var e)
                ? e
                : throw new InstanceRouterException($"Instance '{instance.Id}' has the address '{instance.Address}', not an IP literal and a port (as 127.0.0.1:8080); it cannot be registered in HAProxy backend '{_pool.Backend}'.");
            // Enable adds the server, takes back one of ours left in maintenance at this address, and leaves one already in service as it is.
            changes.Add(_options.UseSlots ? BackendChange.TakeSlot(_options.ServerNamePrefix, endpoint) : BackendChange.Enable(ServerNameFor(endpoint), endpoint));
        }

        if (changes.Count == 0)
        {
            return;
        }

        var result = await Call(() => _pool.ApplyOrThrowAsync(changes, cancellationToken), "register").ConfigureAwait(false);
        for (var i = 0; i < instances.Count; i++)
        {
            Log.Registered(_logger, instances[i].Id, _pool.Backend, result.Servers[i]);
        }
    }

    public ValueTask DrainAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
        => ApplyAsync(registrations, BackendChange.Disable, "drain", cancellationToken);

    public ValueTask DeregisterAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
        => ApplyAsync(registrations, _options.UseSlots ? BackendChange.FreeSlot : BackendChange.Remove, "deregister", cancellationToken);

    private async ValueTask ApplyAsync(IReadOnlyList<RouteRegistration> registrations, Func<string, BackendChange> change, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        var listed = (await Call(() => _pool.ListServersAsync(cancellationToken), "list servers").ConfigureAwait(false))
            .Where(IsOwned).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var changes = new List<BackendChange>(registrations.Count);
        foreach (var registration in registrations)
        {
            if (listed.Contains(registration.Name))
            {
                changes.Add(change(registration.Name)); // one that is gone already is not an error
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        var result = await Call(() => _pool.ApplyOrThrowAsync(changes, cancellationToken), what).ConfigureAwait(false);
        Log.Changed(_logger, what, _pool.Backend, string.Join(", ", changes.Select(c => c.Server)), result.CutServers.Count);
    }

    private bool IsOwned(HAProxyServerState server)
    {
        var prefix = _options.ServerNamePrefix;
        if (!server.Name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return !_options.UseSlots || (!server.IsFreeSlot && server.Name.Length > prefix.Length && server.Name.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0);
    }

    private static RouteRegistration ToRegistration(HAProxyServerState server)
    {
        if (server.IsInMaintenance)
        {
            return new RouteRegistration(server.Name, server.Endpoint, RouteState.Maintenance) { Detail = "in maintenance" };
        }

        if (server.IsDraining || server.Operational == HAProxyOperationalState.Stopping)
        {
            return new RouteRegistration(server.Name, server.Endpoint, RouteState.Draining);
        }

        // Starting is up in its slow start: it takes requests, at a weight that ramps up.
        return server.Operational is HAProxyOperationalState.Running or HAProxyOperationalState.Starting
            ? new RouteRegistration(server.Name, server.Endpoint, RouteState.Routed)
            : new RouteRegistration(server.Name, server.Endpoint, RouteState.Pending) { Detail = "down: its health checks have not passed" };
    }

    private static async Task<T> Call<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HAProxyRuntimeException ex)
        {
            throw new InstanceRouterException($"HAProxy {what} failed: {ex.Message}", ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2201, LogLevel.Information, "Instance '{Instance}' registered in HAProxy backend '{Backend}' as server '{Server}'.")]
        public static partial void Registered(ILogger logger, string instance, string backend, string server);

        [LoggerMessage(2202, LogLevel.Information, "HAProxy {Operation} in backend '{Backend}': {Servers} (sessions cut at the deadline: {Cut}).")]
        public static partial void Changed(ILogger logger, string operation, string backend, string servers, int cut);
    }
}
