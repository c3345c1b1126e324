namespace AutoScaling.InMemory;

/// <summary>Options of the <see cref="InMemoryInstanceProvider"/>: simulated instances for samples, tests and dry runs.</summary>
public sealed class InMemoryInstanceOptions
{
    /// <summary>Gets or sets how long a new instance stays <see cref="InstanceState.Starting"/> before it is active (or failed).</summary>
    public TimeSpan StartupDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the probability (0 to 1) that a new instance fails to start.</summary>
    public double FailureRate { get; set; }

    /// <summary>Gets or sets the seed of the failure draws, for repeatable runs; <see langword="null"/> for a random seed.</summary>
    public int? Seed { get; set; }
}
