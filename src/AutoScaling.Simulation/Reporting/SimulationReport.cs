using System.Globalization;

namespace AutoScaling.Simulation;

/// <summary>
/// A self-contained HTML report of one or more replays of a trace: the scores table, cost against under-provisioning, and
/// load, demand and active instances over time per run. Inline SVG and CSS only: no script, nothing fetched.
/// </summary>
public static class SimulationReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="title">The report's title (for example the trace's name).</param>
    /// <param name="runs">The runs, in the order to show them.</param>
    /// <param name="capacityPerInstance">The requests/s one instance serves, to draw the load in instances.</param>
    public static void WriteHtml(TextWriter writer, string title, IReadOnlyList<SimulationRun> runs, double capacityPerInstance)
        => WriteHtml(writer, title, runs, capacityPerInstance, null);

    /// <summary>Writes the report, followed by the trace's workload analysis when given.</summary>
    internal static void WriteHtml(TextWriter writer, string title, IReadOnlyList<SimulationRun> runs, double capacityPerInstance, WorkloadReport? analysis)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(runs);
        var t = SvgCharts.Escape(title);
        writer.Write($"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n");
        writer.Write("<style>body{font-family:sans-serif;margin:2em;max-width:860px}table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}svg{display:block;margin:1em 0}</style>\n</head>\n<body>\n");
        writer.Write($"<h1>{t}</h1>\n");
        writer.Write("<p>Demand is ceil(load ÷ capacity per instance); supply is the active instances. θU, θO, τU, τO and instability in percent (SPEC RG elasticity metrics); jitter in adaptations per hour.</p>\n");
        WriteTable(writer, runs);
        writer.Write("<h2>Cost against under-provisioning</h2>\n");
        writer.Write(SvgCharts.TradeOff(runs));
        writer.Write('\n');
        foreach (var run in runs)
        {
            writer.Write($"<h2>{SvgCharts.Escape(run.Name)}</h2>\n");
            writer.Write(SvgCharts.TimeChart(run, capacityPerInstance));
            writer.Write('\n');
        }

        if (analysis is not null)
        {
            AnalysisCharts.WriteSection(writer, analysis);
        }

        writer.Write("</body>\n</html>\n");
    }

    /// <summary>Writes the scores as a Markdown table (the one the documentation shows).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="runs">The runs.</param>
    public static void WriteMarkdownTable(TextWriter writer, IReadOnlyList<SimulationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(runs);
        writer.Write("| policy | instance-hours | cost | τU % | θU % | θO % | actions | direction changes/h |\n");
        writer.Write("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var run in runs)
        {
            var s = run.Scores;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"| {run.Name} | {s.InstanceHours:F1} | {s.Cost:F2} | {s.TauU:F2} | {s.ThetaU:F2} | {s.ThetaO:F1} | {s.Actions} | {s.DirectionChangesPerHour:F3} |\n"));
        }
    }

    private static void WriteTable(TextWriter writer, IReadOnlyList<SimulationRun> runs)
    {
        writer.Write("<table>\n<tr><th>run</th><th>instance-hours</th><th>cost</th><th>kWh</th><th>under-provisioned</th><th>requests beyond capacity</th><th>θU</th><th>θO</th><th>τU</th><th>τO</th><th>instability</th><th>jitter</th><th>actions</th><th>direction changes/h</th></tr>\n");
        foreach (var run in runs)
        {
            var s = run.Scores;
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"<tr><td>{SvgCharts.Escape(run.Name)}</td><td>{s.InstanceHours:F1}</td><td>{s.Cost:F2}</td><td>{s.EnergyKilowattHours:F2}</td><td>{s.UnderProvisionedTime}</td><td>{s.RequestsBeyondCapacity:F0}</td><td>{s.ThetaU:F2}</td><td>{s.ThetaO:F1}</td><td>{s.TauU:F2}</td><td>{s.TauO:F1}</td><td>{s.Instability:F2}</td><td>{s.Jitter:F3}</td><td>{s.Actions}</td><td>{s.DirectionChangesPerHour:F3}</td></tr>\n"));
        }

        writer.Write("</table>\n");
    }
}
