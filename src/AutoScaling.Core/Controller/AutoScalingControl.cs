using System.Runtime.CompilerServices;

namespace AutoScaling.Controller;

internal sealed class AutoScalingControl(ScalingGroupRegistry registry) : IAutoScalingControl
{
    public IReadOnlyList<string> GroupNames => registry.GroupNames;

    public ScalingGroupStatus GetStatus(string group)
    {
        var g = registry.Get(group).Group;
        return g.WithOperator(g.Status);
    }

    public IReadOnlyList<ScalingEvent> GetEvents(string group) => registry.Get(group).Group.Events.Snapshot();

    public void Pause(string group) => SetPaused(registry.Get(group).Group, true, "paused");

    public void Resume(string group) => SetPaused(registry.Get(group).Group, false, "resumed");

    public void SetManualTarget(string group, int? target)
    {
        var g = registry.Get(group).Group;
        if (target is int t)
        {
            CheckBounds(g, t);
        }

        g.ManualTarget = target;
        Log.Operator(g.Logger, g.Name, target is null ? "manual target cleared" : $"manual target set to {target}");
        g.OperatorChanged();
    }

    public Task<ScalingDecision?> EvaluateNowAsync(string group, CancellationToken cancellationToken = default)
        => registry.Get(group).Group.Evaluations.Request().WaitAsync(cancellationToken);

    public async Task<ScalingGroupStatus> ScaleAsync(string group, int target, CancellationToken cancellationToken = default)
    {
        var g = registry.Get(group).Group;
        CheckBounds(g, target);
        if (!g.TryBeginScaleRequest())
        {
            throw new ScalingOperationConflictException(g.Name);
        }

        try
        {
            g.ManualTarget = target;
            Log.Operator(g.Logger, g.Name, $"scale to {target} requested");
            g.OperatorChanged();
            await g.Evaluations.Request().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            g.EndScaleRequest();
        }

        return g.WithOperator(g.Status);
    }

    public IAsyncEnumerable<ScalingUpdate> WatchAsync(string group, CancellationToken cancellationToken = default)
        => WatchAsync(registry.Get(group).Group, cancellationToken); // an unknown group throws here, not at the first MoveNext

    private static async IAsyncEnumerable<ScalingUpdate> WatchAsync(ScalingGroup group, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = group.Updates.Add();
        try
        {
            // The snapshot is taken after subscribing, so no update falls between it and the stream.
            yield return new ScalingUpdate(ScalingUpdateKind.Status, group.WithOperator(group.Status));
            await foreach (var update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            group.Updates.Remove(channel);
        }
    }

    private static void SetPaused(ScalingGroup g, bool paused, string action)
    {
        g.Paused = paused;
        Log.Operator(g.Logger, g.Name, action);
        g.OperatorChanged();
    }

    private static void CheckBounds(ScalingGroup g, int target)
    {
        var options = g.Model.Options;
        if (target < options.MinInstances || target > options.MaxInstances)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"Group '{g.Name}': the target {target} is outside MinInstances ({options.MinInstances}) and MaxInstances ({options.MaxInstances}).");
        }
    }
}
