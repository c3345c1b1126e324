namespace AutoScaling;

/// <summary>A snapshot of a group's state, as of its last evaluation.</summary>
public sealed record ScalingGroupStatus
{
    /// <summary>Gets the group's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets a value indicating whether the group is paused.</summary>
    public bool Paused { get; init; }

    /// <summary>Gets the operator's target, if one is set.</summary>
    public int? ManualTarget { get; init; }

    /// <summary>Gets a value indicating whether the group is in dry-run mode.</summary>
    public bool DryRun { get; init; }

    /// <summary>Gets the smallest allowed count.</summary>
    public int MinInstances { get; init; }

    /// <summary>Gets the largest allowed count.</summary>
    public int MaxInstances { get; init; }

    /// <summary>Gets the names of the schedule entries active at the last evaluation (<see cref="Policies.SchedulePolicy"/>); empty when none is.</summary>
    public IReadOnlyList<string> ActiveSchedules { get; init; } = [];

    /// <summary>Gets the instances the provider listed at the last evaluation.</summary>
    public IReadOnlyList<ScalingInstance> Instances { get; init; } = [];

    /// <summary>Gets the latest sample of each metric, by name.</summary>
    public IReadOnlyDictionary<string, MetricSample> Metrics { get; init; } = new Dictionary<string, MetricSample>();

    /// <summary>Gets the latest forecast of each forecasting policy (<see cref="IForecastingPolicy"/>), with its accuracy so far; empty without one.</summary>
    public IReadOnlyList<ForecastStatus> Forecasts { get; init; } = [];

    /// <summary>Gets the last decision, if the group was evaluated.</summary>
    public ScalingDecision? LastDecision { get; init; }

    /// <summary>Gets when the group was last evaluated.</summary>
    public DateTimeOffset? LastEvaluatedAt { get; init; }

    /// <summary>Gets the error of the last evaluation, if it failed.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets how long the scale-up cooldown still runs, as of the last evaluation (zero when it does not).</summary>
    public TimeSpan ScaleUpCooldownRemaining { get; init; }

    /// <summary>Gets how long the scale-down cooldown still runs, as of the last evaluation (zero when it does not).</summary>
    public TimeSpan ScaleDownCooldownRemaining { get; init; }

    /// <summary>
    /// Gets how many evaluations in a row failed: the instances could not be listed, no metric could be used
    /// (<see cref="ScalingReason.MissingMetrics"/>, <see cref="ScalingReason.MetricsFailed"/>), or the action changed nothing
    /// (<see cref="ScalingOutcome.Failed"/>, or a scale-up held back after such failures). Zero after a good evaluation.
    /// </summary>
    public int ConsecutiveFailedTicks { get; init; }

    /// <summary>Gets a value indicating whether a metric has failed <see cref="MetricFallbackOptions.FailureThreshold"/> times in a row and the fallback (hold or fixed) decides.</summary>
    public bool MetricFallbackActive { get; init; }

    /// <summary>Gets a value indicating whether an operation runs: a scale action, or an operator's scale request waiting for it.</summary>
    public bool OperationInProgress { get; init; }

    /// <summary>Gets whether this host leads the group's election (it acts) or is a standby; <see langword="null"/> when no election is configured (the host always acts).</summary>
    public LeadershipStatus? Leadership { get; init; }

    /// <summary>Gets how many instances are in <paramref name="state"/>.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The count.</returns>
    public int Count(InstanceState state)
    {
        var n = 0;
        foreach (var i in Instances)
        {
            if (i.State == state)
            {
                n++;
            }
        }

        return n;
    }
}
