namespace AutoScaling.Simulation;

/// <summary>One named replay: a policy or configuration, its scores and, when recorded, its series.</summary>
/// <param name="Name">What was replayed (for example <c>target-tracking</c>).</param>
/// <param name="Scores">The scores.</param>
/// <param name="Series">The group at every evaluation, or <see langword="null"/> when not recorded.</param>
public sealed record SimulationRun(string Name, SimulationScores Scores, SimulationSeries? Series = null);
