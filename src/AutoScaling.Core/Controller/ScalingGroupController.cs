using System.Diagnostics;
using AutoScaling.Telemetry;

namespace AutoScaling.Controller;

/// <summary>
/// One evaluation of a group per tick: list instances (the provider is the truth), reconcile, gather metrics,
/// decide (the zero-allocation engine), and act only when the desired count differs from the current one.
/// </summary>
internal sealed class ScalingGroupController
{
    private readonly ScalingGroup _group;
    private readonly MetricGatherer _gatherer;
    private readonly ScalingActuator _actuator;
    private long _ticks;

    public ScalingGroupController(ScalingGroup group)
    {
        _group = group;
        _gatherer = new MetricGatherer(group);
        _actuator = new ScalingActuator(group);
    }

    public ScalingGroup Group => _group;

    /// <summary>Runs one evaluation; returns its decision, or <see langword="null"/> when the provider could not be listed.</summary>
    public async Task<ScalingDecision?> TickAsync(CancellationToken cancellationToken)
    {
        var group = _group;
        var tick = ++_ticks;
        using var activity = AutoScalingInstruments.ActivitySource.StartActivity("autoscaling.evaluate");
        activity?.SetTag("autoscaling.group", group.Name);
        IReadOnlyList<ScalingInstance> instances;
        try
        {
            instances = await group.Provider.ListAsync(cancellationToken).ConfigureAwait(false);
            if (tick == 1)
            {
                Log.Adopted(group.Logger, group.Name, instances.Count, instances.Count(i => i.State == InstanceState.Active));
            }

            if ((tick == 1 || tick % group.Options.ReconcileEveryTicks == 0) && !group.Options.DryRun
                && instances.Any(i => i.State == InstanceState.Failed)
                && await _actuator.RemoveFailedAsync(instances, cancellationToken).ConfigureAwait(false) > 0)
            {
                instances = await group.Provider.ListAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.EvaluationFailed(group.Logger, group.Name, ex);
            group.Status = group.Status with { LastError = ex.Message, LastEvaluatedAt = group.Time.GetUtcNow() };
            return null;
        }

        int starting = 0, ready = 0;
        foreach (var instance in instances)
        {
            if (instance.State == InstanceState.Starting)
            {
                starting++;
            }
            else if (instance.State == InstanceState.Active)
            {
                ready++;
            }
        }

        var current = starting + ready;
        await _gatherer.GatherAsync(current, cancellationToken).ConfigureAwait(false);
        var now = group.Time.GetUtcNow();
        var decision = Decide(now, current, ready, starting);
        group.Instruments.RecordDecision(group.Name, decision.Reason);
        activity?.SetTag("autoscaling.current", decision.CurrentInstances).SetTag("autoscaling.desired", decision.DesiredInstances).SetTag("autoscaling.reason", decision.Reason.ToString());
        group.Status = Snapshot(now, instances, decision, null);

        if (!decision.IsChange)
        {
            if (decision.Reason == ScalingReason.MetricsFailed)
            {
                Log.MetricsFailed(group.Logger, group.Name);
            }

            Log.Holding(group.Logger, group.Name, current, decision.Reason, decision.RecommendedInstances);
            return decision;
        }

        if (decision.IsDryRun)
        {
            Log.DryRun(group.Logger, group.Name, current, decision.DesiredInstances, decision.Reason);
            group.Events.Add(new ScalingEvent(now, current, decision.DesiredInstances, decision.Reason, ScalingOutcome.DryRun, current));
            return decision;
        }

        await ActAsync(now, instances, decision, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    private ScalingDecision Decide(DateTimeOffset now, int current, int ready, int starting)
        => _group.Engine.Evaluate(new ScalingEngineInput(now, current, ready, starting, _gatherer.Samples.Span)
        {
            Paused = _group.Paused,
            ManualTarget = _group.ManualTarget,
        });

    private async Task ActAsync(DateTimeOffset decidedAt, IReadOnlyList<ScalingInstance> instances, ScalingDecision decision, CancellationToken cancellationToken)
    {
        var group = _group;
        var from = decision.CurrentInstances;
        var to = decision.DesiredInstances;
        Log.Scaling(group.Logger, group.Name, from, to, decision.Reason, decision.RecommendedInstances);
        using var activity = AutoScalingInstruments.ActivitySource.StartActivity("autoscaling.scale");
        activity?.SetTag("autoscaling.group", group.Name).SetTag("autoscaling.from", from).SetTag("autoscaling.to", to);
        var started = Stopwatch.GetTimestamp();
        var reached = from;
        var outcome = ScalingOutcome.Failed;
        string? detail = null;
        try
        {
            reached = to > from
                ? from + await _actuator.ScaleUpAsync(to - from, cancellationToken).ConfigureAwait(false)
                : from - await _actuator.ScaleDownAsync(instances, from - to, cancellationToken).ConfigureAwait(false);
            outcome = reached == to ? ScalingOutcome.Succeeded : reached == from ? ScalingOutcome.Failed : ScalingOutcome.Partial;
            if (outcome != ScalingOutcome.Succeeded)
            {
                detail = group.Paused ? "The group was paused during the action." : "Some provider operations failed; see the log.";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = ScalingOutcome.Cancelled;
            throw;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            group.Events.Add(new ScalingEvent(decidedAt, from, to, decision.Reason, outcome, reached, detail));
            group.Instruments.RecordAction(group.Name, to > from ? "scale_up" : "scale_down", outcome, elapsed);
            Log.ActionEnded(group.Logger, group.Name, from, to, outcome, reached, elapsed.TotalSeconds);
        }

        try
        {
            var after = await group.Provider.ListAsync(cancellationToken).ConfigureAwait(false);
            group.Status = group.Status with { Instances = after };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            group.Status = group.Status with { LastError = ex.Message };
        }
    }

    private ScalingGroupStatus Snapshot(DateTimeOffset now, IReadOnlyList<ScalingInstance> instances, ScalingDecision decision, string? error)
    {
        var samples = _gatherer.Samples.Span;
        var metrics = new Dictionary<string, MetricSample>(samples.Length, StringComparer.Ordinal);
        for (var i = 0; i < samples.Length; i++)
        {
            metrics[_group.MetricNames[i]] = samples[i];
        }

        return new ScalingGroupStatus
        {
            Name = _group.Name,
            Paused = _group.Paused,
            ManualTarget = _group.ManualTarget,
            DryRun = _group.Options.DryRun,
            MinInstances = _group.Options.MinInstances,
            MaxInstances = _group.Options.MaxInstances,
            Instances = instances,
            Metrics = metrics,
            LastDecision = decision,
            LastEvaluatedAt = now,
            LastError = error,
        };
    }
}
