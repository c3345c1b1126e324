namespace AutoScaling;

/// <summary>
/// One evaluation of a group: the time, the group's size, the latest metric samples (per group, and optionally per
/// instance and over the recent evaluations) and the operator's overrides.
/// The <see cref="ScalingDecisionEngine"/> decides on it and hands it to every <see cref="IScalingPolicy"/>.
/// </summary>
/// <remarks>A ref struct over spans owned by the caller, so building it allocates nothing.</remarks>
public readonly ref struct ScalingContext
{
    private readonly ReadOnlySpan<string> _metricNames;
    private readonly ReadOnlySpan<MetricSample> _samples;

    /// <summary>Initializes a new instance of the <see cref="ScalingContext"/> struct.</summary>
    /// <param name="groupName">The group's name.</param>
    /// <param name="now">The evaluation time.</param>
    /// <param name="currentInstances">Instances counted toward the group's size (starting and active).</param>
    /// <param name="readyInstances">Active instances.</param>
    /// <param name="startingInstances">Instances still starting.</param>
    /// <param name="metricNames">The metric names, parallel to <paramref name="samples"/>.</param>
    /// <param name="samples">The latest sample of each metric.</param>
    public ScalingContext(
        string groupName,
        DateTimeOffset now,
        int currentInstances,
        int readyInstances,
        int startingInstances,
        ReadOnlySpan<string> metricNames,
        ReadOnlySpan<MetricSample> samples)
    {
        if (metricNames.Length != samples.Length)
        {
            throw new ArgumentException("Each metric name needs exactly one sample.", nameof(samples));
        }

        GroupName = groupName;
        Now = now;
        CurrentInstances = currentInstances;
        ReadyInstances = readyInstances;
        StartingInstances = startingInstances;
        _metricNames = metricNames;
        _samples = samples;
    }

    /// <summary>Gets the group's name.</summary>
    public string GroupName { get; }

    /// <summary>Gets the evaluation time, from the group's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Gets the instances counted toward the group's size: starting and active.</summary>
    public int CurrentInstances { get; }

    /// <summary>Gets the active (ready) instances.</summary>
    public int ReadyInstances { get; }

    /// <summary>Gets the instances still starting.</summary>
    public int StartingInstances { get; }

    /// <summary>Gets the metric names, parallel to <see cref="Samples"/>.</summary>
    public ReadOnlySpan<string> MetricNames => _metricNames;

    /// <summary>Gets the latest sample of each metric, parallel to <see cref="MetricNames"/>.</summary>
    public ReadOnlySpan<MetricSample> Samples => _samples;

    /// <summary>
    /// Gets the state of each instance counted toward the group's size (<see cref="InstanceState.Active"/> or
    /// <see cref="InstanceState.Starting"/>), in the order of <see cref="InstanceSamples"/>; empty when no metric of the
    /// group reads per-instance samples.
    /// </summary>
    public ReadOnlySpan<InstanceState> InstanceStates { get; init; }

    /// <summary>
    /// Gets one sample per instance and metric, metric by metric (the row of metric <c>i</c> starts at
    /// <c>i × InstanceStates.Length</c>), from sources that implement <see cref="IInstanceMetricSource"/>; a metric whose
    /// source does not has a row of <see cref="MetricStatus.Missing"/> samples. Empty when no source does.
    /// </summary>
    public ReadOnlySpan<MetricSample> InstanceSamples { get; init; }

    /// <summary>
    /// Gets the recent samples of each metric, metric by metric, oldest first: the row of metric <c>i</c> holds
    /// <see cref="HistoryLength"/> samples starting at <c>i × HistoryLength</c>, the last one being the latest
    /// (<see cref="Samples"/>). Slots older than the group's first evaluations are <see cref="MetricStatus.Missing"/>.
    /// Empty when the caller keeps no history.
    /// </summary>
    public ReadOnlySpan<MetricSample> History { get; init; }

    /// <summary>Gets the number of recent samples kept per metric in <see cref="History"/>; 0 without history.</summary>
    public int HistoryLength => _metricNames.Length == 0 ? 0 : History.Length / _metricNames.Length;

    /// <summary>Gets a value indicating whether an operator paused the group: the engine keeps the current count.</summary>
    public bool Paused { get; init; }

    /// <summary>Gets an operator's target count, which replaces the policies' recommendation; <see langword="null"/> for none.</summary>
    public int? ManualTarget { get; init; }

    /// <summary>Finds the latest sample of a metric.</summary>
    /// <param name="metricName">The metric's name (ordinal comparison).</param>
    /// <param name="sample">The sample, when found.</param>
    /// <returns><see langword="true"/> when the group has that metric.</returns>
    public bool TryGetSample(string metricName, out MetricSample sample)
    {
        var index = IndexOf(metricName);
        if (index >= 0)
        {
            sample = _samples[index];
            return true;
        }

        sample = default;
        return false;
    }

    /// <summary>Finds the per-instance samples of a metric, parallel to <see cref="InstanceStates"/>.</summary>
    /// <param name="metricName">The metric's name (ordinal comparison).</param>
    /// <param name="samples">One sample per instance, when the context carries them.</param>
    /// <returns><see langword="true"/> when the group has that metric and the context carries per-instance samples.</returns>
    public bool TryGetInstanceSamples(string metricName, out ReadOnlySpan<MetricSample> samples)
    {
        var index = IndexOf(metricName);
        var count = InstanceStates.Length;
        if (index < 0 || count == 0 || InstanceSamples.Length != count * _metricNames.Length)
        {
            samples = default;
            return false;
        }

        samples = InstanceSamples.Slice(index * count, count);
        return true;
    }

    /// <summary>Finds the recent samples of a metric, oldest first, the latest last.</summary>
    /// <param name="metricName">The metric's name (ordinal comparison).</param>
    /// <param name="samples">The metric's <see cref="HistoryLength"/> recent samples, when the context carries them.</param>
    /// <returns><see langword="true"/> when the group has that metric and the context carries a history.</returns>
    public bool TryGetHistory(string metricName, out ReadOnlySpan<MetricSample> samples)
    {
        var index = IndexOf(metricName);
        var length = HistoryLength;
        if (index < 0 || length == 0)
        {
            samples = default;
            return false;
        }

        samples = History.Slice(index * length, length);
        return true;
    }

    /// <summary>Gets the latest sample of a metric; a metric the group lacks reads as <see cref="MetricStatus.Missing"/>.</summary>
    /// <param name="metricName">The metric's name (ordinal comparison).</param>
    /// <returns>The sample.</returns>
    public MetricSample GetSample(string metricName)
        => TryGetSample(metricName, out var sample) ? sample : MetricSample.Missing(Now, null);

    private int IndexOf(string metricName)
    {
        for (var i = 0; i < _metricNames.Length; i++)
        {
            var name = _metricNames[i];
            if (ReferenceEquals(name, metricName) || string.Equals(name, metricName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
