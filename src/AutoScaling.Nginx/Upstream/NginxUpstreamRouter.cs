using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Nginx;

/// <summary>
/// Routes a group's instances through an NGINX upstream it owns as a file. Every call is one change: the new file is
/// written atomically (temporary file and rename), <c>nginx -t</c> checks the whole configuration, and a SIGHUP
/// reloads the master; the call completes when new workers serve the new set. When NGINX refuses the change the
/// previous file is put back and the call fails with NGINX's message. Draining marks the server <c>down</c> and waits
/// until the old workers, which finish the requests in flight, have exited (or <see cref="NginxUpstreamOptions.DrainTimeout"/>).
/// The file is the truth of what is registered: a new router lists what an earlier one wrote.
/// </summary>
internal sealed partial class NginxUpstreamRouter : IInstanceRouter
{
    private readonly NginxUpstreamOptions _options;
    private readonly NginxMaster _master;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public NginxUpstreamRouter(NginxUpstreamOptions options, NginxMaster master, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(master);
        _options = options;
        _master = master;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Writes the owned file with no server when it does not exist yet, so a main configuration that includes it can start.</summary>
    public void CreateFileIfMissing()
    {
        if (!File.Exists(_options.FilePath))
        {
            WriteAtomicallyAsync(UpstreamFile.Render(_options, []), CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public ValueTask<IReadOnlyList<RouteRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<RouteRegistration> list = ReadServers()
            .Select(s => s.Down
                ? new RouteRegistration(s.Address, s.Address, RouteState.Maintenance) { Detail = "marked down" }
                : new RouteRegistration(s.Address, s.Address, RouteState.Routed))
            .ToList();
        return ValueTask.FromResult(list);
    }

    public async ValueTask RegisterAsync(IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        foreach (var instance in instances)
        {
            if (!NginxSyntax.IsAddress(instance.Address))
            {
                throw new InstanceRouterException($"Instance '{instance.Id}' has the address {ValidationMessages.Quote(instance.Address)}; {NginxSyntax.AddressRule}. Nothing was written to NGINX upstream '{_options.Upstream}'.");
            }
        }

        var reload = await ApplyAsync(
            servers =>
            {
                foreach (var instance in instances)
                {
                    var at = servers.FindIndex(s => s.Address == instance.Address);
                    if (at < 0)
                    {
                        servers.Add(new UpstreamServer(instance.Address!, Down: false));
                    }
                    else
                    {
                        servers[at] = servers[at] with { Down = false }; // one left down by a drain is taken back
                    }
                }
            },
            "register",
            cancellationToken).ConfigureAwait(false);
        if (reload is { } r)
        {
            Log.Registered(_logger, _options.Upstream, string.Join(", ", instances.Select(i => i.Address)), r.Elapsed.TotalMilliseconds);
        }
    }

    public async ValueTask DrainAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        var reload = await ApplyAsync(
            servers =>
            {
                for (var i = 0; i < servers.Count; i++)
                {
                    if (Named(registrations, servers[i]))
                    {
                        servers[i] = servers[i] with { Down = true };
                    }
                }
            },
            "drain",
            cancellationToken).ConfigureAwait(false);
        if (reload is not { } r)
        {
            return;
        }

        // The old workers are the only ones that may still send requests to the drained servers.
        var drained = await _master.WaitExitedAsync(r.OldWorkers, _options.DrainTimeout, cancellationToken).ConfigureAwait(false);
        var seconds = (drained ?? _options.DrainTimeout).TotalSeconds;
        NginxInstruments.DrainDuration.Record(seconds, new KeyValuePair<string, object?>("nginx.upstream", _options.Upstream), new KeyValuePair<string, object?>("nginx.drain.cut", drained is null));
        Log.Drained(_logger, _options.Upstream, string.Join(", ", registrations.Select(x => x.Address)), seconds * 1000, drained is null);
    }

    public async ValueTask DeregisterAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        var reload = await ApplyAsync(servers => servers.RemoveAll(s => Named(registrations, s)), "deregister", cancellationToken).ConfigureAwait(false);
        if (reload is not null)
        {
            Log.Deregistered(_logger, _options.Upstream, string.Join(", ", registrations.Select(x => x.Address)));
        }
    }

    private static bool Named(IReadOnlyList<RouteRegistration> registrations, UpstreamServer server)
    {
        foreach (var registration in registrations)
        {
            if (registration.Name == server.Address)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One change: the new file, <c>nginx -t</c>, the reload; the previous file back when any of it fails. <see langword="null"/> when nothing changed.</summary>
    private async Task<NginxReload?> ApplyAsync(Action<List<UpstreamServer>> change, string what, CancellationToken cancellationToken)
    {
        var gate = _master.Lock;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = File.Exists(_options.FilePath) ? await File.ReadAllTextAsync(_options.FilePath, cancellationToken).ConfigureAwait(false) : null;
            var servers = previous is null ? [] : UpstreamFile.Parse(previous);
            change(servers);
            var next = UpstreamFile.Render(_options, servers);
            if (previous is not null && UpstreamFile.Parse(previous).SequenceEqual(servers))
            {
                return null;
            }

            var started = _time.GetTimestamp();
            var signalled = false;
            await WriteAtomicallyAsync(next, cancellationToken).ConfigureAwait(false);
            try
            {
                if (await _master.TestAsync(cancellationToken).ConfigureAwait(false) is { } refusal)
                {
                    throw new NginxException($"nginx -t refused it: {refusal}");
                }

                signalled = true;
                var reload = await _master.ReloadAsync(cancellationToken).ConfigureAwait(false);
                NginxInstruments.ReloadDuration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("nginx.upstream", _options.Upstream));
                return reload;
            }
            catch (Exception ex) when (ex is NginxException or OperationCanceledException)
            {
                await RestoreAsync(previous, signalled).ConfigureAwait(false);
                Log.RolledBack(_logger, what, _options.Upstream, ex.Message);
                if (ex is NginxException)
                {
                    throw new InstanceRouterException($"NGINX {what} in upstream '{_options.Upstream}' failed and '{_options.FilePath}' was restored: {ex.Message}", ex);
                }

                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InstanceRouterException($"NGINX {what} in upstream '{_options.Upstream}' failed: '{_options.FilePath}' cannot be written ({ex.Message}).", ex);
        }
        finally
        {
            gate.Release();
        }
    }

    private List<UpstreamServer> ReadServers()
    {
        try
        {
            return File.Exists(_options.FilePath) ? UpstreamFile.Parse(File.ReadAllText(_options.FilePath)) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InstanceRouterException($"NGINX upstream '{_options.Upstream}': '{_options.FilePath}' cannot be read ({ex.Message}).", ex);
        }
    }

    private async Task RestoreAsync(string? previous, bool signalled)
    {
        if (previous is null)
        {
            File.Delete(_options.FilePath);
            return;
        }

        await WriteAtomicallyAsync(previous, CancellationToken.None).ConfigureAwait(false);
        if (!signalled)
        {
            return; // nginx -t refused it: the master never saw the new file
        }

        try
        {
            // The master still runs the previous set (a refused reload keeps the old workers); this reload only makes
            // sure it reads the restored file, and its failure changes nothing.
            await _master.ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NginxException)
        {
        }
    }

    /// <summary>A reader sees the old file or the new one, never half of either: write beside it, then rename over it.</summary>
    private async Task WriteAtomicallyAsync(string text, CancellationToken cancellationToken)
    {
        var temporary = _options.FilePath + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, _options.FilePath, overwrite: true);
    }

    private static partial class Log
    {
        [LoggerMessage(2301, LogLevel.Information, "NGINX upstream '{Upstream}': registered {Servers}; new workers serve them {Milliseconds:0} ms after SIGHUP.")]
        public static partial void Registered(ILogger logger, string upstream, string servers, double milliseconds);

        [LoggerMessage(2302, LogLevel.Information, "NGINX upstream '{Upstream}': drained {Servers} in {Milliseconds:0} ms (cut at the drain timeout: {Cut}).")]
        public static partial void Drained(ILogger logger, string upstream, string servers, double milliseconds, bool cut);

        [LoggerMessage(2303, LogLevel.Information, "NGINX upstream '{Upstream}': deregistered {Servers}.")]
        public static partial void Deregistered(ILogger logger, string upstream, string servers);

        [LoggerMessage(2304, LogLevel.Warning, "NGINX {Operation} in upstream '{Upstream}' rolled back: {Reason}")]
        public static partial void RolledBack(ILogger logger, string operation, string upstream, string reason);
    }
}
