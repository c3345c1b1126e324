namespace AutoScaling.Simulation;

/// <summary>The scores of one replay.</summary>
/// <remarks>
/// Demand is <c>ceil(load / CapacityPerInstance)</c> and supply the active instances, both step functions of time. The
/// elasticity metrics follow the SPEC Research Group (Herbst et al., "Quantifying Cloud Performance and Dependability",
/// ACM TOMPECS 2018), with ε = 1 instance in the accuracy denominators so that a demand of zero stays finite.
/// </remarks>
public sealed record SimulationScores
{
    /// <summary>Gets the replayed time.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets how many times the group was evaluated.</summary>
    public int Evaluations { get; init; }

    /// <summary>Gets the instance-hours paid for: starting, active and draining instances.</summary>
    public double InstanceHours { get; init; }

    /// <summary>Gets <see cref="InstanceHours"/> × the price per instance-hour.</summary>
    public double Cost { get; init; }

    /// <summary>Gets the energy used, in kWh: idle power for every paid instance plus the busy share for the load served.</summary>
    public double EnergyKilowattHours { get; init; }

    /// <summary>Gets the requests in the replayed trace.</summary>
    public double TotalRequests { get; init; }

    /// <summary>Gets the requests above the active instances' capacity (served late or not at all).</summary>
    public double RequestsBeyondCapacity { get; init; }

    /// <summary>Gets the time the demand exceeded the active instances (equals τU × <see cref="Duration"/>).</summary>
    public TimeSpan UnderProvisionedTime { get; init; }

    /// <summary>Gets θU, the under-provisioning accuracy, in percent: the mean of <c>max(d − s, 0) / max(d, ε)</c> over time.</summary>
    public double ThetaU { get; init; }

    /// <summary>Gets θO, the over-provisioning accuracy, in percent: the mean of <c>max(s − d, 0) / max(d, ε)</c> over time.</summary>
    public double ThetaO { get; init; }

    /// <summary>Gets τU, the under-provisioning timeshare, in percent of the time.</summary>
    public double TauU { get; init; }

    /// <summary>Gets τO, the over-provisioning timeshare, in percent of the time.</summary>
    public double TauO { get; init; }

    /// <summary>Gets the instability, in percent: the share of time (after the first point) in which supply and demand do not move in the same direction.</summary>
    public double Instability { get; init; }

    /// <summary>Gets the jitter: (supply adaptations − demand changes) per hour; negative when the group is too inert, positive when it moves more often than demand does.</summary>
    public double Jitter { get; init; }

    /// <summary>Gets the scaling actions that changed the group's size.</summary>
    public int Actions { get; init; }

    /// <summary>Gets how often an action went the other way than the one before it.</summary>
    public int DirectionChanges { get; init; }

    /// <summary>Gets <see cref="DirectionChanges"/> per hour of replayed time (thrashing).</summary>
    public double DirectionChangesPerHour { get; init; }

    /// <summary>Gets the largest number of active instances at any time.</summary>
    public int PeakInstances { get; init; }
}
