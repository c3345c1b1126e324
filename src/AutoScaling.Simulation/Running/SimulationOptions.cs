namespace AutoScaling.Simulation;

/// <summary>
/// What the simulator assumes about the instances and the metric pipeline, and the prices the scores use.
/// The group's own settings (limits, interval, windows, rate policies, cooldowns) come from its <see cref="ScalingGroupOptions"/>.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>Gets or sets the name the simulated load is published under; the policies read this metric. Default <c>rps</c>.</summary>
    public string MetricName { get; set; } = "rps";

    /// <summary>
    /// Gets or sets the name under which the load is also published as a utilization: the seen load over the active
    /// instances' capacity, in percent (missing while no instance is active). Step-scaling and threshold policies read it
    /// as they would read CPU. Default <c>utilization</c>.
    /// </summary>
    public string UtilizationMetricName { get; set; } = "utilization";

    /// <summary>Gets or sets the requests per second one instance serves within its SLO. Must be positive; default 100.</summary>
    public double CapacityPerInstance { get; set; } = 100;

    /// <summary>Gets or sets how long a new instance takes to become active (the mean for the drawn distributions). Default 30 s.</summary>
    public TimeSpan StartupDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how start-up delays are drawn. Default <see cref="StartupDelayDistribution.Fixed"/>.</summary>
    public StartupDelayDistribution StartupDelayDistribution { get; set; } = StartupDelayDistribution.Fixed;

    /// <summary>Gets or sets the spread of drawn start-up delays (see <see cref="Simulation.StartupDelayDistribution"/>). Default 0.</summary>
    public TimeSpan StartupDelaySpread { get; set; }

    /// <summary>Gets or sets the probability (0 to 1) that a new instance fails to start; it is found failed after its start-up delay. Default 0.</summary>
    public double StartFailureRate { get; set; }

    /// <summary>Gets or sets how long a removed instance drains: it takes no new requests but is paid for, and the scale-in waits for it. Default 10 s.</summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how old the load the engine sees is (scrape and query lag). Default 15 s.</summary>
    public TimeSpan MetricDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets the window the seen load is averaged over, as <c>rate(…[window])</c> would; zero reads the instantaneous rate. Default 30 s.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the instances running when the replay starts; <see langword="null"/> for the group's minimum.</summary>
    public int? InitialInstances { get; set; }

    /// <summary>
    /// Gets or sets the date and time the trace's first bucket maps to, which policies that read the clock (schedules) see;
    /// <see langword="null"/> reads the trace's timestamps as seconds since 1970-01-01 UTC.
    /// </summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Gets or sets the seed of every random draw (start-up delays, start failures). Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets the price of one instance-hour, for the cost score. Default 1 (cost then reads in instance-hours).</summary>
    public double PricePerInstanceHour { get; set; } = 1;

    /// <summary>Gets or sets the power of an instance that serves nothing (also while it starts or drains), in watts. Default 60.</summary>
    public double IdleWatts { get; set; } = 60;

    /// <summary>Gets or sets the power of an instance serving at its capacity, in watts; in between it is linear in the load. Default 120.</summary>
    public double BusyWatts { get; set; } = 120;
}
