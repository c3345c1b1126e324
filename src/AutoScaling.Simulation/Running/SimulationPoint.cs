namespace AutoScaling.Simulation;

/// <summary>The group at one evaluation of a replay.</summary>
/// <param name="Seconds">The evaluation time, in seconds of the trace.</param>
/// <param name="Load">The real load at that time, requests/s.</param>
/// <param name="ObservedLoad">The load the engine saw (delayed and averaged over the rate window), requests/s.</param>
/// <param name="Demand">The instances the real load needs: <c>ceil(load / capacity)</c>.</param>
/// <param name="Active">The active instances.</param>
/// <param name="Paid">The instances paid for (starting, active, draining).</param>
/// <param name="Desired">The engine's desired count.</param>
/// <param name="Reason">Why the engine decided that.</param>
public readonly record struct SimulationPoint(double Seconds, double Load, double ObservedLoad, int Demand, int Active, int Paid, int Desired, ScalingReason Reason);
