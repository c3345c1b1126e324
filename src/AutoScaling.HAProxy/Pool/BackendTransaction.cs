using System.Net;

namespace AutoScaling.HAProxy;

/// <summary>Runs one batch against a backend, keeping an undo step for every step applied.</summary>
internal sealed class BackendTransaction(HAProxyBackendPool pool, IReadOnlyList<BackendChange> changes)
{
    private const string StillHasConnections = "still has connections";

    private readonly Stack<(string Step, Func<CancellationToken, Task> Undo)> _undo = new();
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private Dictionary<string, HAProxyServerState> _before = [];

    private string Backend => pool.Backend;

    public async Task<BackendBatchResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            _before = (await pool.ListServersAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Name, StringComparer.Ordinal);
            var servers = new string[changes.Count];
            var leaving = new List<int>();

            // 1. Servers come in first, so capacity only grows before anything leaves.
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                switch (change.Kind)
                {
                    case BackendChangeKind.Add:
                        servers[i] = await AddAsync(change.Server, change.Address!, cancellationToken).ConfigureAwait(false);
                        break;
                    case BackendChangeKind.TakeSlot:
                        servers[i] = await TakeSlotAsync(change.Server, change.Address!, cancellationToken).ConfigureAwait(false);
                        break;
                    case BackendChangeKind.Enable:
                        servers[i] = await EnableAsync(change.Server, change.Address!, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        servers[i] = change.Server;
                        leaving.Add(i);
                        break;
                }
            }

            // 2. Every leaving server drains at once, so the waits overlap.
            foreach (var i in leaving)
            {
                await DrainAsync(changes[i].Server, cancellationToken).ConfigureAwait(false);
            }

            var removing = leaving.Where(i => changes[i].Kind != BackendChangeKind.Drain).Select(i => changes[i].Server).ToList();
            var cut = await WaitForNoSessionsAsync(removing, cancellationToken).ConfigureAwait(false);

            // 3. Maintenance, then the steps that delete or free.
            foreach (var server in removing)
            {
                await ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Maintenance), cancellationToken).ConfigureAwait(false);
                Push($"state drain {server}", ct => ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Drain), ct));
            }

            foreach (var i in leaving)
            {
                var server = changes[i].Server;
                if (changes[i].Kind == BackendChangeKind.Remove)
                {
                    await DeleteAsync(server, cancellationToken).ConfigureAwait(false);
                    Push($"add server {server} again", ct => ReAddAsync(server, ct));
                }
                else if (changes[i].Kind == BackendChangeKind.FreeSlot)
                {
                    await SetAddressAsync(server, new IPEndPoint(IPAddress.Any, 0), cancellationToken).ConfigureAwait(false);
                }
            }

            return new BackendBatchResult(servers, cut);
        }
        catch (HAProxyRuntimeException ex)
        {
            return new BackendBatchResult(ex, await UndoAsync().ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            await UndoAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<string> AddAsync(string server, IPEndPoint address, CancellationToken ct)
    {
        var check = pool.Options.Check;
        await ExecuteAsync(HAProxyCommand.AddServer(Backend, server, address, check.Enabled ? check : null, pool.Options.ServerMaxConnections), ct).ConfigureAwait(false);
        Push($"del server {server}", c => DeleteAsync(server, c));
        if (check.Enabled)
        {
            await ExecuteAsync(HAProxyCommand.EnableHealth(Backend, server), ct).ConfigureAwait(false);
        }

        await MakeReadyAsync(server, check.Enabled, ct).ConfigureAwait(false);
        return server;
    }

    private async Task<string> TakeSlotAsync(string prefix, IPEndPoint address, CancellationToken ct)
    {
        // A slot of ours that already holds this address is taken back (in maintenance or draining) or left as it is.
        var held = _before.Values
            .Where(s => !s.IsFreeSlot && IsSlotOf(s.Name, prefix) && !_taken.Contains(s.Name) && s.Port == address.Port && s.Address == address.Address.ToString())
            .OrderBy(s => s.IsInMaintenance)
            .FirstOrDefault();
        if (held is not null)
        {
            _taken.Add(held.Name);
            return await EnableAsync(held.Name, address, ct).ConfigureAwait(false);
        }

        var slot = _before.Values
            .Where(s => s.IsFreeSlot && IsSlotOf(s.Name, prefix) && !_taken.Contains(s.Name))
            .OrderBy(s => s.Id)
            .FirstOrDefault()
            ?? throw new HAProxyRuntimeException($"HAProxy backend '{Backend}' has no free '{prefix}N' slot (a server-template slot in maintenance at 0.0.0.0:0).");
        _taken.Add(slot.Name);
        await SetAddressAsync(slot.Name, address, ct).ConfigureAwait(false);
        await MakeReadyAsync(slot.Name, slot.HasCheck, ct).ConfigureAwait(false);
        return slot.Name;
    }

    private async Task<string> EnableAsync(string server, IPEndPoint address, CancellationToken ct)
    {
        if (!_before.TryGetValue(server, out var state))
        {
            return await AddAsync(server, address, ct).ConfigureAwait(false);
        }

        if (!state.IsInMaintenance)
        {
            if (state.Address != address.Address.ToString() || state.Port != address.Port)
            {
                throw new HAProxyRuntimeException($"HAProxy server '{Backend}/{server}' is already in service at {state.Endpoint}, not {HAProxyNames.Format(address)}.");
            }

            if (state.IsDraining)
            {
                await ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Ready), ct).ConfigureAwait(false);
                Push($"state drain {server}", c => ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Drain), c));
            }

            return server; // already registered at this address: nothing to do
        }

        if (state.Address != address.Address.ToString() || state.Port != address.Port)
        {
            await SetAddressAsync(server, address, ct).ConfigureAwait(false);
        }

        await MakeReadyAsync(server, state.HasCheck, ct).ConfigureAwait(false);
        return server;
    }

    /// <summary><c>state ready</c> and, with a check, <c>health down</c> in one write: no request before the first good check.</summary>
    private async Task MakeReadyAsync(string server, bool hasCheck, CancellationToken ct)
    {
        var ready = HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Ready);
        Push($"state maint {server}", c => ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Maintenance), c));
        if (hasCheck)
        {
            await pool.Client.ExecuteAllAsync([ready, HAProxyCommand.SetHealthDown(Backend, server)], ct).ConfigureAwait(false);
        }
        else
        {
            await ExecuteAsync(ready, ct).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(string server, CancellationToken ct)
    {
        await ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Drain), ct).ConfigureAwait(false);
        var before = _before.GetValueOrDefault(server);
        if (before is { IsInMaintenance: true })
        {
            Push($"state maint {server}", c => ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Maintenance), c));
        }
        else if (before is not { IsDraining: true })
        {
            Push($"state ready {server}", c => ExecuteAsync(HAProxyCommand.SetState(Backend, server, HAProxyAdminCommandState.Ready), c));
        }
    }

    private async Task<IReadOnlyList<string>> WaitForNoSessionsAsync(List<string> servers, CancellationToken ct)
    {
        if (servers.Count == 0)
        {
            return [];
        }

        var deadline = pool.Time.GetUtcNow() + pool.Options.DrainTimeout;
        while (true)
        {
            var stats = await pool.ListStatsAsync(ct).ConfigureAwait(false);
            var busy = stats.Where(s => (s.CurrentSessions > 0 || s.CurrentQueue > 0) && servers.Contains(s.Name, StringComparer.Ordinal)).Select(s => s.Name).ToList();
            if (busy.Count == 0)
            {
                return [];
            }

            if (pool.Time.GetUtcNow() >= deadline)
            {
                foreach (var server in busy)
                {
                    await ExecuteAsync(HAProxyCommand.ShutdownSessions(Backend, server), ct).ConfigureAwait(false);
                    HAProxyBackendPool.Log.SessionsCut(pool.Logger, Backend, server);
                }

                return busy;
            }

            await Task.Delay(pool.Options.PollInterval, pool.Time, ct).ConfigureAwait(false);
        }
    }

    /// <summary><c>del server</c>, retried while HAProxy still holds a connection to the server (up to the drain deadline).</summary>
    private async Task DeleteAsync(string server, CancellationToken ct)
    {
        var deadline = pool.Time.GetUtcNow() + pool.Options.DrainTimeout;
        while (true)
        {
            try
            {
                await ExecuteAsync(HAProxyCommand.DeleteServer(Backend, server), ct).ConfigureAwait(false);
                return;
            }
            catch (HAProxyRuntimeException ex) when (ex.Reply?.Contains(StillHasConnections, StringComparison.OrdinalIgnoreCase) == true && pool.Time.GetUtcNow() < deadline)
            {
                await Task.Delay(pool.Options.PollInterval, pool.Time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task ReAddAsync(string server, CancellationToken ct)
    {
        var before = _before[server];
        var check = pool.Options.Check;
        var address = new IPEndPoint(IPAddress.Parse(before.Address), before.Port);
        await ExecuteAsync(HAProxyCommand.AddServer(Backend, server, address, before.HasCheck && check.Enabled ? check : null, pool.Options.ServerMaxConnections), ct).ConfigureAwait(false);
        if (before.HasCheck && check.Enabled)
        {
            await ExecuteAsync(HAProxyCommand.EnableHealth(Backend, server), ct).ConfigureAwait(false);
        }
    }

    private async Task SetAddressAsync(string server, IPEndPoint address, CancellationToken ct)
    {
        await ExecuteAsync(HAProxyCommand.SetAddress(Backend, server, address), ct).ConfigureAwait(false);
        if (_before.TryGetValue(server, out var before) && IPAddress.TryParse(before.Address, out var previous))
        {
            var back = new IPEndPoint(previous, before.Port);
            Push($"set server {server} addr {before.Endpoint}", c => ExecuteAsync(HAProxyCommand.SetAddress(Backend, server, back), c));
        }
    }

    private Task<string> ExecuteAsync(HAProxyCommand command, CancellationToken ct) => pool.Client.ExecuteAsync(command, ct);

    private void Push(string step, Func<CancellationToken, Task> undo) => _undo.Push((step, undo));

    private async Task<IReadOnlyList<string>> UndoAsync()
    {
        var failures = new List<string>();
        while (_undo.TryPop(out var entry))
        {
            try
            {
                await entry.Undo(CancellationToken.None).ConfigureAwait(false);
            }
            catch (HAProxyRuntimeException ex)
            {
                HAProxyBackendPool.Log.UndoFailed(pool.Logger, Backend, entry.Step, ex.Message);
                failures.Add($"{entry.Step}: {ex.Message}");
            }
        }

        return failures;
    }

    private static bool IsSlotOf(string name, string prefix)
        => name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0;
}
