namespace AutoScaling;

/// <summary>What the <see cref="ScalingDecisionEngine"/> decides on: time, counts, samples and operator overrides.</summary>
public readonly ref struct ScalingEngineInput
{
    /// <summary>Initializes a new instance of the <see cref="ScalingEngineInput"/> struct.</summary>
    /// <param name="now">The evaluation time.</param>
    /// <param name="currentInstances">Starting and active instances.</param>
    /// <param name="readyInstances">Active instances.</param>
    /// <param name="startingInstances">Starting instances.</param>
    /// <param name="samples">One sample per metric, in the engine's metric order.</param>
    public ScalingEngineInput(DateTimeOffset now, int currentInstances, int readyInstances, int startingInstances, ReadOnlySpan<MetricSample> samples)
    {
        Now = now;
        CurrentInstances = currentInstances;
        ReadyInstances = readyInstances;
        StartingInstances = startingInstances;
        Samples = samples;
    }

    /// <summary>Gets the evaluation time.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Gets the starting and active instances.</summary>
    public int CurrentInstances { get; }

    /// <summary>Gets the active instances.</summary>
    public int ReadyInstances { get; }

    /// <summary>Gets the starting instances.</summary>
    public int StartingInstances { get; }

    /// <summary>Gets one sample per metric, in the engine's metric order.</summary>
    public ReadOnlySpan<MetricSample> Samples { get; }

    /// <summary>Gets a value indicating whether the group is paused: the decision keeps the current count.</summary>
    public bool Paused { get; init; }

    /// <summary>Gets an operator's target count, which replaces the policies' recommendation; <see langword="null"/> for none.</summary>
    public int? ManualTarget { get; init; }
}
