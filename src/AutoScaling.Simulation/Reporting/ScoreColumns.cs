namespace AutoScaling.Simulation;

/// <summary>The scores as named columns, in one order, for every export (CSV header and rows, JSON).</summary>
internal static class ScoreColumns
{
    public static readonly (string Csv, string Json, Func<SimulationScores, double> Value)[] All =
    [
        ("duration_s", "durationSeconds", static s => s.Duration.TotalSeconds),
        ("evaluations", "evaluations", static s => s.Evaluations),
        ("instance_hours", "instanceHours", static s => s.InstanceHours),
        ("cost", "cost", static s => s.Cost),
        ("energy_kwh", "energyKilowattHours", static s => s.EnergyKilowattHours),
        ("total_requests", "totalRequests", static s => s.TotalRequests),
        ("requests_beyond_capacity", "requestsBeyondCapacity", static s => s.RequestsBeyondCapacity),
        ("under_provisioned_s", "underProvisionedSeconds", static s => s.UnderProvisionedTime.TotalSeconds),
        ("theta_u", "thetaU", static s => s.ThetaU),
        ("theta_o", "thetaO", static s => s.ThetaO),
        ("tau_u", "tauU", static s => s.TauU),
        ("tau_o", "tauO", static s => s.TauO),
        ("instability", "instability", static s => s.Instability),
        ("jitter_per_h", "jitterPerHour", static s => s.Jitter),
        ("actions", "actions", static s => s.Actions),
        ("direction_changes", "directionChanges", static s => s.DirectionChanges),
        ("direction_changes_per_h", "directionChangesPerHour", static s => s.DirectionChangesPerHour),
        ("peak_instances", "peakInstances", static s => s.PeakInstances),
    ];
}
