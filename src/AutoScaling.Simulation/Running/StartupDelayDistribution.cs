namespace AutoScaling.Simulation;

/// <summary>How a simulated instance's start-up delay is drawn.</summary>
public enum StartupDelayDistribution : byte
{
    /// <summary>Every instance takes exactly <see cref="SimulationOptions.StartupDelay"/>.</summary>
    Fixed = 0,

    /// <summary>Uniform from <c>StartupDelay − StartupDelaySpread</c> to <c>StartupDelay + StartupDelaySpread</c>.</summary>
    Uniform = 1,

    /// <summary><c>StartupDelay</c> plus an exponential tail whose mean is <c>StartupDelaySpread</c> (a few slow starts).</summary>
    Exponential = 2,
}
