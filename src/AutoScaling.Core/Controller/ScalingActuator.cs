namespace AutoScaling.Controller;

/// <summary>
/// Carries out a group's changes through its provider and router, step by step, each step with one owner and one
/// deadline. Scale-out: provision → wait until the provider lists the instance active → register → wait until routed.
/// Scale-in: drain → deregister → decommission. Provider and router calls are bounded by the group's and the shared limiter.
/// </summary>
internal sealed class ScalingActuator(ScalingGroup group, Action<IReadOnlyList<ScalingInstance>> onListed)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets a value indicating whether a call of the current action was refused for lack of a lease.</summary>
    public bool LeaseLost { get; private set; }

    /// <summary>Gets the fencing token the current action's calls were made under (0 when no election is configured or no call was made).</summary>
    public long Epoch { get; private set; }

    /// <summary>
    /// Gets how many instances the current action counted as added while the router had not confirmed them routed
    /// (registering failed, or no good check by the start deadline): active, kept, and registered by reconcile later.
    /// </summary>
    public int NotRouted { get; private set; }

    /// <summary>Starts an action's record: no call refused, no epoch yet, nothing left unrouted.</summary>
    public void BeginAction()
    {
        LeaseLost = false;
        Epoch = 0;
        NotRouted = 0;
    }

    /// <summary>Adds up to <paramref name="count"/> instances; returns how many were added and still count toward the group's size.</summary>
    public async Task<int> ScaleUpAsync(int count, CancellationToken cancellationToken)
    {
        var options = group.Model.Options;
        var added = 0;
        while (added < count && !group.Paused)
        {
            var step = Math.Min(count - added, options.MaxInstancesPerStep);
            var alive = await StartStepAsync(step, cancellationToken).ConfigureAwait(false);
            for (var retry = 0; alive < step && retry < options.StartRetries && !group.Paused; retry++)
            {
                alive += await StartStepAsync(step - alive, cancellationToken).ConfigureAwait(false);
            }

            added += alive;
            if (alive < step)
            {
                break; // the next evaluation tries again
            }
        }

        return added;
    }

    /// <summary>Removes <paramref name="count"/> instances chosen by the group's scale-in order; returns how many were removed.</summary>
    public async Task<int> ScaleDownAsync(InstanceView view, int count, CancellationToken cancellationToken)
    {
        var options = group.Model.Options;
        var victims = VictimSelector.Select(view.Instances, count, options.ScaleInOrder);
        var removed = 0;
        for (var i = 0; i < victims.Count && !group.Paused; i += options.MaxInstancesPerStep)
        {
            var step = victims.GetRange(i, Math.Min(options.MaxInstancesPerStep, victims.Count - i));
            var gone = await RemoveAsync(view, step, cancellationToken).ConfigureAwait(false);
            removed += gone;
            if (gone < step.Count)
            {
                break;
            }
        }

        return removed;
    }

    /// <summary>Takes instances out of traffic (drain, deregister) and decommissions them; returns how many are gone.</summary>
    public async Task<int> RemoveAsync(InstanceView view, IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken)
    {
        var router = group.Model.Router;
        if (router is not null && !view.HasRouter)
        {
            return 0; // the router could not be listed: nothing can be drained, so nothing is stopped
        }

        var routes = view.RoutesOf(instances);
        if (router is not null && routes.Count > 0)
        {
            // Never stop an instance the router may still send work to: if draining fails, the instances stay.
            if (!await RouterCallAsync(static (r, routes, ct) => r.DrainAsync(routes, ct), router, routes, "drain", cancellationToken).ConfigureAwait(false)
                || !await RouterCallAsync(static (r, routes, ct) => r.DeregisterAsync(routes, ct), router, routes, "deregister", cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }

        var results = await Task.WhenAll(instances.Select(v => DecommissionAsync(v, cancellationToken))).ConfigureAwait(false);
        return results.Count(r => r);
    }

    /// <summary>Registers instances with the router (reconcile: active instances that are not registered).</summary>
    public Task<bool> RegisterAsync(IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken)
        => group.Model.Router is { } router
            ? RouterCallAsync(static (r, i, ct) => r.RegisterAsync(i, ct), router, instances, "register", cancellationToken)
            : Task.FromResult(true);

    /// <summary>Removes registrations whose instance is gone (reconcile).</summary>
    public Task<bool> DeregisterAsync(IReadOnlyList<RouteRegistration> routes, CancellationToken cancellationToken)
        => group.Model.Router is { } router
            ? RouterCallAsync(static (r, routes, ct) => r.DeregisterAsync(routes, ct), router, routes, "deregister", cancellationToken)
            : Task.FromResult(true);

    private async Task<int> StartStepAsync(int count, CancellationToken cancellationToken)
    {
        var provisioned = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ProvisionAsync(cancellationToken))).ConfigureAwait(false);
        var pending = new List<ScalingInstance>(count);
        foreach (var instance in provisioned)
        {
            if (instance is not null)
            {
                pending.Add(instance);
            }
        }

        return pending.Count == 0 ? 0 : await BringIntoServiceAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one wait of a scale-out step, against one deadline: until the provider lists each new instance active, then
    /// (with a router) until it is routed. An instance not active by the deadline is removed; one active but not routed
    /// stays (it counts toward the size, and reconcile keeps its registration), since replacing it would not route it either.
    /// </summary>
    private async Task<int> BringIntoServiceAsync(List<ScalingInstance> pending, CancellationToken cancellationToken)
    {
        var time = group.Time;
        var options = group.Model.Options;
        var router = group.Model.Router;
        var deadline = time.GetUtcNow() + options.InstanceStartTimeout;
        var starting = pending.Where(i => i.State != InstanceState.Active).ToList();
        var toRegister = pending.Where(i => i.State == InstanceState.Active).ToList();
        var unrouted = new List<ScalingInstance>();
        var alive = 0;
        var delay = FirstPoll < options.InstanceCheckInterval ? FirstPoll : options.InstanceCheckInterval;
        var first = true;
        while (true)
        {
            if (starting.Count > 0 && !first)
            {
                var listed = await group.Model.Provider.ListAsync(cancellationToken).ConfigureAwait(false);
                onListed(listed);
                await SortStartingAsync(starting, toRegister, listed, cancellationToken).ConfigureAwait(false);
            }

            first = false;
            var registeredNow = false;
            if (toRegister.Count > 0)
            {
                if (router is null)
                {
                    alive += toRegister.Count;
                }
                else if (await RegisterAsync(toRegister, cancellationToken).ConfigureAwait(false))
                {
                    unrouted.AddRange(toRegister);
                    registeredNow = true;
                }
                else
                {
                    alive += toRegister.Count; // active and serving-capable; reconcile registers them later
                    NotRouted += toRegister.Count;
                }

                toRegister.Clear();
            }

            // Just registered: no load balancer has checked it yet, so the first look waits for the next poll.
            if (unrouted.Count > 0 && !registeredNow)
            {
                alive += await CountRoutedAsync(router!, unrouted, cancellationToken).ConfigureAwait(false);
            }

            if (starting.Count == 0 && unrouted.Count == 0)
            {
                return alive;
            }

            var now = time.GetUtcNow();
            if (now >= deadline)
            {
                foreach (var instance in starting)
                {
                    Log.StartTimedOut(group.Logger, group.Name, instance.Id, options.InstanceStartTimeout, instance.FailureReason ?? "no reason given");
                    await DecommissionAsync(instance, cancellationToken).ConfigureAwait(false);
                }

                foreach (var instance in unrouted)
                {
                    Log.NotRouted(group.Logger, group.Name, instance.Id, options.InstanceStartTimeout);
                }

                NotRouted += unrouted.Count;

                return alive + unrouted.Count;
            }

            var wait = deadline - now;
            await Task.Delay(wait < delay ? wait : delay, time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < options.InstanceCheckInterval ? delay * 2 : options.InstanceCheckInterval;
        }
    }

    private async Task SortStartingAsync(List<ScalingInstance> starting, List<ScalingInstance> toRegister, IReadOnlyList<ScalingInstance> listed, CancellationToken cancellationToken)
    {
        var byId = listed.ToDictionary(i => i.Id, StringComparer.Ordinal);
        for (var i = starting.Count - 1; i >= 0; i--)
        {
            if (!byId.TryGetValue(starting[i].Id, out var current))
            {
                Log.InstanceFailed(group.Logger, group.Name, starting[i].Id, "it disappeared while starting");
                starting.RemoveAt(i);
            }
            else if (current.State == InstanceState.Active)
            {
                toRegister.Add(current);
                starting.RemoveAt(i);
            }
            else if (current.State == InstanceState.Starting)
            {
                starting[i] = current; // keeps the provider's latest word on why it is not ready
            }
            else if (current.State is InstanceState.Failed or InstanceState.Draining)
            {
                Log.InstanceFailed(group.Logger, group.Name, current.Id, current.FailureReason);
                await DecommissionAsync(current, cancellationToken).ConfigureAwait(false);
                starting.RemoveAt(i);
            }
        }
    }

    private async Task<int> CountRoutedAsync(IInstanceRouter router, List<ScalingInstance> unrouted, CancellationToken cancellationToken)
    {
        IReadOnlyList<RouteRegistration> routes;
        try
        {
            routes = await router.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RouterFailed(group.Logger, group.Name, "list", ex.Message);
            return 0;
        }

        var routed = 0;
        for (var i = unrouted.Count - 1; i >= 0; i--)
        {
            var address = unrouted[i].Address;
            if (routes.Any(r => r.State == RouteState.Routed && string.Equals(r.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                routed++;
                unrouted.RemoveAt(i);
            }
        }

        return routed;
    }

    private async Task<ScalingInstance?> ProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var groupLease = await group.GroupLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            using var sharedLease = await group.SharedLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!MayCall("provision"))
            {
                return null;
            }

            return await group.Model.Provider.ProvisionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.ProvisionFailed(group.Logger, group.Name, ex);
            return null;
        }
    }

    private async Task<bool> DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            using var groupLease = await group.GroupLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            using var sharedLease = await group.SharedLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!MayCall("decommission"))
            {
                return false;
            }

            await group.Model.Provider.DecommissionAsync(instance, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DecommissionFailed(group.Logger, group.Name, instance.Id, ex);
            return false;
        }
    }

    private async Task<bool> RouterCallAsync<T>(Func<IInstanceRouter, IReadOnlyList<T>, CancellationToken, ValueTask> call, IInstanceRouter router, IReadOnlyList<T> items, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var groupLease = await group.GroupLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            using var sharedLease = await group.SharedLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!MayCall(what))
            {
                return false;
            }

            await call(router, items, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RouterFailed(group.Logger, group.Name, what, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// The lease check immediately before a provider or router call (after the limiters' waits, so a wait cannot outlast
    /// it); the call then carries the epoch in <see cref="LeaderFencing.CurrentEpoch"/>.
    /// </summary>
    private bool MayCall(string what)
    {
        if (group.Leadership is not { } gate)
        {
            return true;
        }

        if (!gate.TryAct(out var epoch, what))
        {
            LeaseLost = true;
            return false;
        }

        Epoch = epoch;
        LeaderFencing.Enter(epoch);
        return true;
    }
}
