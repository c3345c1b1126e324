namespace AutoScaling;

/// <summary>
/// One evaluation of a group: the time, the group's size, the latest metric samples and the operator's overrides.
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
        for (var i = 0; i < _metricNames.Length; i++)
        {
            var name = _metricNames[i];
            if (ReferenceEquals(name, metricName) || string.Equals(name, metricName, StringComparison.Ordinal))
            {
                sample = _samples[i];
                return true;
            }
        }

        sample = default;
        return false;
    }

    /// <summary>Gets the latest sample of a metric; a metric the group lacks reads as <see cref="MetricStatus.Missing"/>.</summary>
    /// <param name="metricName">The metric's name (ordinal comparison).</param>
    /// <returns>The sample.</returns>
    public MetricSample GetSample(string metricName)
        => TryGetSample(metricName, out var sample) ? sample : MetricSample.Missing(Now, null);
}
