namespace AutoScaling.Controller;

/// <content>Repairing drift between the provider, the router and the group.</content>
internal sealed partial class ScalingGroupController
{
    /// <summary>
    /// Repairs both directions every tick: an active instance the router lacks is registered (a restarted load balancer
    /// lost it: it is not destroyed), and a registration of the router whose instance is gone is removed. On full
    /// reconciles (at start and every <see cref="ScalingGroupOptions.ReconcileEveryTicks"/>) failed instances are removed,
    /// at most one step at a time and only while enough instances serve to keep the minimum (replace first, then remove).
    /// </summary>
    /// <returns>Whether anything was changed (the caller looks again).</returns>
    private async Task<bool> ReconcileAsync(InstanceView view, bool full, CancellationToken cancellationToken)
    {
        var group = _group;
        var changed = false;
        if (view.Unregistered.Count > 0)
        {
            Log.Registering(group.Logger, group.Name, view.Unregistered.Count);
            changed |= await _actuator.RegisterAsync(view.Unregistered, cancellationToken).ConfigureAwait(false);
        }

        if (view.Orphans.Count > 0)
        {
            Log.RemovingOrphans(group.Logger, group.Name, view.Orphans.Count, string.Join(", ", view.Orphans.Select(o => o.Name)));
            changed |= await _actuator.DeregisterAsync(view.Orphans, cancellationToken).ConfigureAwait(false);
        }

        if (!full || view.Failed.Count == 0)
        {
            return changed;
        }

        var options = group.Model.Options;
        if (view.Ready < options.MinInstances)
        {
            Log.KeepingFailed(group.Logger, group.Name, view.Failed.Count, view.Ready, options.MinInstances);
            return changed;
        }

        var step = view.Failed.Take(options.MaxInstancesPerStep).ToList();
        foreach (var instance in step)
        {
            Log.InstanceFailed(group.Logger, group.Name, instance.Id, instance.FailureReason);
        }

        return await _actuator.RemoveAsync(view, step, cancellationToken).ConfigureAwait(false) > 0 || changed;
    }
}
