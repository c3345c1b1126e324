using System.Diagnostics;
using AutoScaling.Telemetry;

namespace AutoScaling.Controller;

/// <summary>
/// One evaluation of a group per tick: put a reloaded model in force, look (the provider's instances joined with the
/// router's registrations), repair what drifted, gather metrics, decide (the zero-allocation engine), act only when the
/// desired count differs from the current one, and tell the engine what the action really reached.
/// </summary>
/// <remarks>The single writer of the group's status and model; ticks never overlap.</remarks>
internal sealed partial class ScalingGroupController
{
    private readonly ScalingGroup _group;
    private readonly MetricGatherer _gatherer;
    private readonly ScalingActuator _actuator;
    private readonly ScalingGroupReloader? _reloader;
    private readonly Forecasting.MetricHistoryWarmUp? _history;
    private IReadOnlyList<IScalingPolicy>? _historyFor;
    private long _ticks;
    private ScaleUpBackoff _backoff;
    private int _failedTicks;
    private bool _tickFailed;
    private string? _loggedFailure;
    private int _seen = -1;

    public ScalingGroupController(ScalingGroup group, ScalingGroupReloader? reloader = null, Forecasting.MetricHistoryWarmUp? history = null)
    {
        _group = group;
        _reloader = reloader;
        _history = history;
        _historyFor = history is null ? null : group.Model.Policies;
        _gatherer = new MetricGatherer(group);
        _actuator = new ScalingActuator(group, PublishProgress);
    }

    public ScalingGroup Group => _group;

    /// <summary>Gets the configuration watcher, when the group's settings come from configuration that can change.</summary>
    internal ScalingGroupReloader? Reloader => _reloader;

    /// <summary>Runs one evaluation; returns its decision, or <see langword="null"/> when the instances could not be listed.</summary>
    public async Task<ScalingDecision?> TickAsync(CancellationToken cancellationToken)
    {
        _tickFailed = true; // stays so when the evaluation throws
        _reloader?.ApplyPending(this);
        if (_history is { } history && _historyFor is { } policies)
        {
            _historyFor = null; // before the first evaluation, and after a reload for the policies that start anew
            await history.RunAsync(policies, _group.Time.GetUtcNow(), _group.Logger, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await EvaluateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            PublishHealth();
        }
    }

    /// <summary>Look, repair, gather, decide, act; sets <see cref="_tickFailed"/>.</summary>
    private async Task<ScalingDecision?> EvaluateAsync(CancellationToken cancellationToken)
    {
        var group = _group;
        var tick = ++_ticks;
        using var activity = AutoScalingInstruments.ActivitySource.StartActivity("autoscaling.evaluate");
        activity?.SetTag("autoscaling.group", group.Name);
        var options = group.Model.Options;
        // Every host gathers and decides; only the leader repairs and acts. A new leader re-reads and adopts what is listed.
        var (leader, gained) = group.Leadership?.Refresh() ?? (true, false);
        InstanceView view;
        try
        {
            view = await ObserveAsync(cancellationToken).ConfigureAwait(false);
            _loggedFailure = null; // the provider answered: the next failure is a new outage
            if (tick == 1 || gained)
            {
                Log.Adopted(group.Logger, group.Name, view.Instances.Count, view.Ready);
            }

            if (!options.DryRun && leader && await ReconcileAsync(view, tick == 1 || gained || tick % options.ReconcileEveryTicks == 0, cancellationToken).ConfigureAwait(false))
            {
                view = await ObserveAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEvaluationFailed(ex);
            group.Publish(group.Status with { LastError = ex.Message, LastEvaluatedAt = group.Time.GetUtcNow() });
            return null;
        }

        _tickFailed = false;
        var current = view.Current;
        await _gatherer.GatherAsync(view, cancellationToken).ConfigureAwait(false);
        var now = group.Time.GetUtcNow();
        if (!leader && _seen >= 0 && current != _seen)
        {
            // A standby changes nothing itself: another host acted (or an instance failed). Recorded, so that the
            // cooldowns and the rate budget that host started still hold when this one takes over.
            group.Engine.RecordScale(now, _seen, current);
        }

        _seen = current;
        var decision = group.Engine.Evaluate(new ScalingContext(group.Name, now, current, view.Ready, view.Starting, group.Model.MetricNames, _gatherer.Samples.Span)
        {
            Paused = group.Paused,
            ManualTarget = group.ManualTarget,
            InstanceStates = _gatherer.InstanceStates.Span,
            InstanceSamples = _gatherer.InstanceSamples.Span,
            History = _gatherer.History.Span,
        });
        group.Instruments.RecordDecision(group.Name, decision.Reason);
        activity?.SetTag("autoscaling.current", decision.CurrentInstances).SetTag("autoscaling.desired", decision.DesiredInstances).SetTag("autoscaling.reason", decision.Reason.ToString());
        group.Publish(Snapshot(now, view.Instances, decision), ScalingUpdateKind.Decision);
        _tickFailed = decision.Reason is ScalingReason.MissingMetrics or ScalingReason.MetricsFailed;

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
            group.Record(new ScalingEvent(now, current, decision.DesiredInstances, decision.Reason, ScalingOutcome.DryRun, current));
            return decision;
        }

        if (!leader)
        {
            group.Leadership!.Refuse(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"scale {current} -> {decision.DesiredInstances} (standby)"));
            return decision;
        }

        if (decision.DesiredInstances > current && _backoff.Holds(now.UtcTicks))
        {
            Log.BackingOff(group.Logger, group.Name, _backoff.Failures, TimeSpan.FromTicks(_backoff.NextAt - now.UtcTicks));
            _tickFailed = true;
            return decision;
        }

        await ActAsync(now, view, decision, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    /// <summary>
    /// Puts a new model in force (a reload); the engine keeps its decision history, and the new learning policies what
    /// the replaced ones learned (the others have their history loaded again before the next evaluation).
    /// </summary>
    internal void Apply(ScalingGroupModel model)
    {
        var cold = Forecasting.MetricHistoryWarmUp.CarryOver(_group.Model.Policies, model.Policies);
        _historyFor = _historyFor is null ? cold : model.Policies; // not loaded yet: into every new policy
        _group.Engine.Reconfigure(_group.Time.GetUtcNow(), model.Options, model.Policies);
        _group.Swap(model);
        _group.Publish(_group.Status with { MinInstances = model.Options.MinInstances, MaxInstances = model.Options.MaxInstances, DryRun = model.Options.DryRun });
    }

    private async Task<InstanceView> ObserveAsync(CancellationToken cancellationToken)
    {
        var model = _group.Model;
        var instances = await model.Provider.ListAsync(cancellationToken).ConfigureAwait(false);
        var startedBefore = _group.Time.GetUtcNow() - model.Options.InstanceStartTimeout;
        IReadOnlyList<RouteRegistration>? routes = null;
        if (model.Router is { } router)
        {
            try
            {
                routes = await router.ListAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Without the router's view nothing is registered or removed this tick; the instances still count.
                Log.RouterFailed(_group.Logger, _group.Name, "list", ex.Message);
                return InstanceView.Create(instances, null, startedBefore);
            }
        }

        return InstanceView.Create(instances, routes, startedBefore);
    }

    private async Task ActAsync(DateTimeOffset decidedAt, InstanceView view, ScalingDecision decision, CancellationToken cancellationToken)
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
        group.BeginAction();
        _actuator.BeginAction();
        try
        {
            reached = to > from
                ? from + await _actuator.ScaleUpAsync(to - from, cancellationToken).ConfigureAwait(false)
                : from - await _actuator.ScaleDownAsync(view, from - to, cancellationToken).ConfigureAwait(false);
            outcome = reached == to ? ScalingOutcome.Succeeded : reached == from ? ScalingOutcome.Failed : ScalingOutcome.Partial;
            if (outcome != ScalingOutcome.Succeeded && _actuator.LeaseLost)
            {
                outcome = ScalingOutcome.NotLeader;
                detail = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The lease ran out during the action at {reached} instances; the remaining calls were not made.");
            }
            else if (outcome != ScalingOutcome.Succeeded)
            {
                detail = group.Paused ? "The group was paused during the action." : "Some provider or router operations failed; see the log.";
            }

            if (_actuator.NotRouted > 0 && outcome is ScalingOutcome.Succeeded or ScalingOutcome.Partial)
            {
                detail = (detail is null ? null : detail + " ") + string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"{_actuator.NotRouted} of the instances counted are active but the router has not confirmed them routed; reconcile registers them.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = ScalingOutcome.Cancelled;
            throw;
        }
        catch (Exception ex) when (ex is InstanceProviderException or InstanceRouterException)
        {
            // The provider or router went away mid-action: what it started is listed (and adopted) when it answers again.
            LogEvaluationFailed(ex);
            group.Publish(group.Status with { LastError = ex.Message });
            detail = ex.Message;
        }
        finally
        {
            var ended = group.Time.GetUtcNow();
            group.Engine.RecordScale(ended, from, reached);
            _seen = reached;
            if (outcome != ScalingOutcome.NotLeader)
            {
                _backoff.Record(decidedAt.UtcTicks, _group.Model.Options.Interval.Ticks, from, to, reached);
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            group.EndAction();
            _tickFailed |= outcome == ScalingOutcome.Failed;
            group.Record(new ScalingEvent(decidedAt, from, to, decision.Reason, outcome, reached, detail) { Epoch = _actuator.Epoch });
            group.Instruments.RecordAction(group.Name, to > from ? "scale_up" : "scale_down", outcome, elapsed);
            Log.ActionEnded(group.Logger, group.Name, from, to, outcome, reached, elapsed.TotalSeconds);
        }

        try
        {
            var after = await ObserveAsync(cancellationToken).ConfigureAwait(false);
            PublishInstances(after.Instances);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEvaluationFailed(ex);
            group.Publish(group.Status with { LastError = ex.Message });
        }
    }

    /// <summary>
    /// An unavailable provider or router (its own exception, with a message that says so) is a state of the world, not a
    /// bug: one line when it starts or its message changes, no stack trace, and the repeats at Debug.
    /// </summary>
    private void LogEvaluationFailed(Exception ex)
    {
        var group = _group;
        if (ex is not (InstanceProviderException or InstanceRouterException))
        {
            Log.EvaluationFailed(group.Logger, group.Name, ex);
        }
        else if (string.Equals(_loggedFailure, ex.Message, StringComparison.Ordinal))
        {
            Log.ComponentStillFailing(group.Logger, group.Name, ex.Message);
        }
        else
        {
            Log.ComponentFailed(group.Logger, group.Name, ex.Message);
            _loggedFailure = ex.Message;
        }
    }

    /// <summary>Publishes what the health check reads (failed ticks, fallback) and the cooldowns, when they changed.</summary>

    private void PublishHealth()
    {
        var group = _group;
        _failedTicks = _tickFailed ? _failedTicks + 1 : 0;
        var now = group.Time.GetUtcNow();
        var up = group.Engine.ScaleUpCooldownRemaining(now);
        var down = group.Engine.ScaleDownCooldownRemaining(now);
        var fallback = FallbackInForce();
        var status = group.Status;
        var leadership = status.Leadership;
        if (group.Leadership is { } gate && (leadership is null || leadership.RefusedActions != gate.RefusedActions))
        {
            leadership = gate.Snapshot(); // refused after the decision's snapshot
        }

        if (status.ConsecutiveFailedTicks != _failedTicks || status.MetricFallbackActive != fallback
            || status.ScaleUpCooldownRemaining != up || status.ScaleDownCooldownRemaining != down || !ReferenceEquals(status.Leadership, leadership))
        {
            group.Publish(status with { ConsecutiveFailedTicks = _failedTicks, MetricFallbackActive = fallback, ScaleUpCooldownRemaining = up, ScaleDownCooldownRemaining = down, Leadership = leadership });
        }
    }

    private bool FallbackInForce()
    {
        var fallback = _group.Model.Options.Fallback;
        if (fallback.Behavior == MetricFallbackBehavior.Fail)
        {
            return false; // failing is not a fallback: those ticks count as failed
        }

        for (var i = 0; i < _group.Model.MetricNames.Length; i++)
        {
            if (_group.Engine.ConsecutiveFailures(i) >= Math.Max(1, fallback.FailureThreshold))
            {
                return true;
            }
        }

        return false;
    }

    private void PublishInstances(IReadOnlyList<ScalingInstance> instances)
        => _group.Publish(_group.Status with { Instances = instances });

    /// <summary>Shows the provider's listing during an action; with a router, nothing counts as routed until the look after the action says so.</summary>
    private void PublishProgress(IReadOnlyList<ScalingInstance> listed)
    {
        var model = _group.Model;
        var view = InstanceView.Create(listed, model.Router is null ? null : [], DateTimeOffset.MinValue);
        PublishInstances(view.Instances);
    }

    private ScalingGroupStatus Snapshot(DateTimeOffset now, IReadOnlyList<ScalingInstance> instances, ScalingDecision decision)
    {
        var model = _group.Model;
        var samples = _gatherer.Samples.Span;
        var metrics = new Dictionary<string, MetricSample>(samples.Length, StringComparer.Ordinal);
        for (var i = 0; i < samples.Length; i++)
        {
            metrics[model.MetricNames[i]] = samples[i];
        }

        return new ScalingGroupStatus
        {
            Name = _group.Name,
            Paused = _group.Paused,
            ManualTarget = _group.ManualTarget,
            DryRun = model.Options.DryRun,
            MinInstances = model.Options.MinInstances,
            MaxInstances = model.Options.MaxInstances,
            Instances = instances,
            Metrics = metrics,
            Forecasts = Forecasts(model.Policies),
            LastDecision = decision,
            LastEvaluatedAt = now,
            LastError = null,
            ConsecutiveFailedTicks = _failedTicks,
            MetricFallbackActive = _group.Status.MetricFallbackActive,
            ScaleUpCooldownRemaining = _group.Engine.ScaleUpCooldownRemaining(now),
            ScaleDownCooldownRemaining = _group.Engine.ScaleDownCooldownRemaining(now),
            ActiveSchedules = ActiveSchedules(model.Policies),
            Leadership = _group.Leadership?.Snapshot(),
        };
    }

    private static List<string> ActiveSchedules(IScalingPolicy[] policies)
    {
        var names = new List<string>();
        foreach (var policy in policies)
        {
            (policy as Policies.SchedulePolicy)?.AddActiveEntries(names);
        }

        return names;
    }

    private static ForecastStatus[] Forecasts(IScalingPolicy[] policies)
    {
        List<ForecastStatus>? forecasts = null;
        foreach (var policy in policies)
        {
            if (policy is IForecastingPolicy forecasting)
            {
                (forecasts ??= []).Add(forecasting.GetForecast());
            }
        }

        return forecasts is null ? [] : [.. forecasts];
    }
}
