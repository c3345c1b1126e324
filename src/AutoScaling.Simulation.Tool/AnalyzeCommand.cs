using System.CommandLine;

namespace AutoScaling.Simulation.Tool;

/// <summary><c>autoscaling-sim analyze &lt;trace&gt;</c>: periods, level, spread, trend, anomalies and a forecast back-test of a trace.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var trace = new Argument<FileInfo>("trace") { Description = "The load: a CSV 'timestamp_seconds,requests_per_second' (as in ../shared/traces)." };
        var json = new Option<bool>("--json") { Description = "Write the analysis as JSON instead of text." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write the analysis with its charts to this self-contained HTML file." };
        var command = new Command(
            "analyze",
            "Analyse a trace: dominant periods (autocorrelation), baseline (p5), peak-to-mean, coefficient of variation, trend per day, "
            + "outages (runs of zeros), bursts, seams (a jump in level that stays), and a Holt-Winters back-test (fitted on the first 70 %, "
            + "forecast one bucket ahead on the rest: MAPE and 95 % band coverage).")
        {
            trace, json, html,
        };
        command.SetAction(result => Cli.Guarded(result, r =>
        {
            var file = r.GetRequiredValue(trace);
            if (!file.Exists)
            {
                throw new CliException($"trace: the file '{file.FullName}' does not exist.");
            }

            var report = WorkloadAnalysis.Analyze(LoadTrace.Load(file.FullName));
            var output = r.InvocationConfiguration.Output;
            if (r.GetValue(json))
            {
                using var stream = new MemoryStream();
                AnalysisWriter.WriteJson(stream, report);
                output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            }
            else
            {
                AnalysisWriter.WriteText(output, report);
            }

            if (r.GetValue(html) is { } page)
            {
                Cli.Write(page.FullName, w => AnalysisCharts.WriteHtml(w, report));
                if (!r.GetValue(json))
                {
                    output.WriteLine($"report: {page.FullName}");
                }
            }
        }));
        return command;
    }
}
