using System.Globalization;

namespace AutoScaling.Simulation;

/// <summary>Writes scores and series as CSV: invariant culture, round-trip numbers, <c>\n</c> line ends, so equal runs give equal bytes.</summary>
public static class SimulationCsv
{
    /// <summary>The columns of <see cref="WriteScores"/>.</summary>
    public const string ScoresHeader = "name,duration_s,evaluations,instance_hours,cost,energy_kwh,total_requests,requests_beyond_capacity,under_provisioned_s,theta_u,theta_o,tau_u,tau_o,instability,jitter_per_h,actions,direction_changes,direction_changes_per_h,peak_instances";

    /// <summary>The columns of <see cref="WriteSeries"/>.</summary>
    public const string SeriesHeader = "name,seconds,load,observed_load,demand,active,paid,desired,reason";

    /// <summary>Writes one line of scores per run, after a header.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="runs">The runs.</param>
    public static void WriteScores(TextWriter writer, IEnumerable<SimulationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(runs);
        writer.Write(ScoresHeader);
        writer.Write('\n');
        foreach (var run in runs)
        {
            writer.Write(Field(run.Name));
            foreach (var (_, _, value) in ScoreColumns.All)
            {
                writer.Write(',');
                writer.Write(N(value(run.Scores)));
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes every recorded point of every run that has a series, after a header.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="runs">The runs.</param>
    public static void WriteSeries(TextWriter writer, IEnumerable<SimulationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(runs);
        writer.Write(SeriesHeader);
        writer.Write('\n');
        foreach (var run in runs)
        {
            if (run.Series is null)
            {
                continue;
            }

            var name = Field(run.Name);
            foreach (ref readonly var p in run.Series.Points)
            {
                writer.Write(string.Join(',', name, N(p.Seconds), N(p.Load), N(p.ObservedLoad), N(p.Demand), N(p.Active), N(p.Paid), N(p.Desired), p.Reason.ToString()));
                writer.Write('\n');
            }
        }
    }

    internal static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Field(string value)
        => value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
