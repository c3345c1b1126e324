namespace AutoScaling.Controller;

/// <summary>
/// Carries out a group's decisions through its provider: step-wise, waiting for new instances to be active,
/// replacing those that fail, and bounding concurrent operations with the group's and the shared limiter.
/// </summary>
internal sealed class ScalingActuator(ScalingGroup group)
{
    /// <summary>Adds up to <paramref name="count"/> active instances; returns how many became active.</summary>
    public async Task<int> ScaleUpAsync(int count, CancellationToken cancellationToken)
    {
        var added = 0;
        while (added < count && !group.Paused)
        {
            var step = Math.Min(count - added, group.Options.MaxInstancesPerStep);
            var active = await StartStepAsync(step, cancellationToken).ConfigureAwait(false);
            for (var retry = 0; active < step && retry < group.Options.StartRetries; retry++)
            {
                active += await StartStepAsync(step - active, cancellationToken).ConfigureAwait(false);
            }

            added += active;
            if (active < step)
            {
                break; // the next evaluation tries again
            }
        }

        return added;
    }

    /// <summary>Removes <paramref name="count"/> instances chosen by the group's scale-in order; returns how many were removed.</summary>
    public async Task<int> ScaleDownAsync(IReadOnlyList<ScalingInstance> instances, int count, CancellationToken cancellationToken)
    {
        var victims = VictimSelector.Select(instances, count, group.Options.ScaleInOrder);
        var removed = 0;
        for (var i = 0; i < victims.Count && !group.Paused; i += group.Options.MaxInstancesPerStep)
        {
            var step = victims.Skip(i).Take(group.Options.MaxInstancesPerStep).Select(v => DecommissionAsync(v, cancellationToken));
            var results = await Task.WhenAll(step).ConfigureAwait(false);
            removed += results.Count(r => r);
        }

        return removed;
    }

    /// <summary>Removes instances the provider lists as failed; the next decision replaces them.</summary>
    public async Task<int> RemoveFailedAsync(IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken)
    {
        var failed = instances.Where(i => i.State == InstanceState.Failed).ToList();
        foreach (var instance in failed)
        {
            Log.InstanceFailed(group.Logger, group.Name, instance.Id, instance.FailureReason);
        }

        var results = await Task.WhenAll(failed.Select(i => DecommissionAsync(i, cancellationToken))).ConfigureAwait(false);
        return results.Count(r => r);
    }

    private async Task<int> StartStepAsync(int count, CancellationToken cancellationToken)
    {
        var provisioned = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ProvisionAsync(cancellationToken))).ConfigureAwait(false);
        var pending = provisioned.Where(i => i is not null).Select(i => i!).ToList();
        return await WaitActiveAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> WaitActiveAsync(List<ScalingInstance> pending, CancellationToken cancellationToken)
    {
        var time = group.Time;
        var deadline = time.GetUtcNow() + group.Options.InstanceStartTimeout;
        var active = 0;
        while (pending.Count > 0)
        {
            var instances = await group.Provider.ListAsync(cancellationToken).ConfigureAwait(false);
            group.Status = group.Status with { Instances = instances }; // so status shows instances starting during the action
            var listed = instances.ToDictionary(i => i.Id, StringComparer.Ordinal);
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (!listed.TryGetValue(pending[i].Id, out var current))
                {
                    Log.InstanceFailed(group.Logger, group.Name, pending[i].Id, "it disappeared while starting");
                    pending.RemoveAt(i);
                }
                else if (current.State == InstanceState.Active)
                {
                    active++;
                    pending.RemoveAt(i);
                }
                else if (current.State == InstanceState.Failed)
                {
                    Log.InstanceFailed(group.Logger, group.Name, current.Id, current.FailureReason);
                    await DecommissionAsync(current, cancellationToken).ConfigureAwait(false);
                    pending.RemoveAt(i);
                }
            }

            var now = time.GetUtcNow();
            if (pending.Count == 0)
            {
                break;
            }

            if (now >= deadline)
            {
                foreach (var instance in pending)
                {
                    Log.StartTimedOut(group.Logger, group.Name, instance.Id, group.Options.InstanceStartTimeout);
                    await DecommissionAsync(instance, cancellationToken).ConfigureAwait(false);
                }

                break;
            }

            var wait = deadline - now;
            await Task.Delay(wait < group.Options.InstanceCheckInterval ? wait : group.Options.InstanceCheckInterval, time, cancellationToken).ConfigureAwait(false);
        }

        return active;
    }

    private async Task<ScalingInstance?> ProvisionAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var groupLease = await group.GroupLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            using var sharedLease = await group.SharedLimiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            return await group.Provider.ProvisionAsync(cancellationToken).ConfigureAwait(false);
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
            await group.Provider.DecommissionAsync(instance, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DecommissionFailed(group.Logger, group.Name, instance.Id, ex);
            return false;
        }
    }
}
