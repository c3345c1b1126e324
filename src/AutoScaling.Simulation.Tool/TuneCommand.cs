using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Simulation.Tool;

/// <summary><c>tune</c>: searches target tracking's parameters for the lowest cost with τU within a bound.</summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var replay = new ReplayOptions();
        var maxTauU = new Option<double>("--max-tau-u") { Description = "The bound: the largest under-provisioning timeshare τU allowed, in percent of the time.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the winner, in the format of --config (appsettings.json, HPA YAML or AWS JSON); default tuned.appsettings.json, tuned.hpa.yaml or tuned.aws.json." };
        var command = Cli.NewCommand(
            "tune",
            "Search target tracking (target, tolerance, scale-down window and cooldown, minimum) for the lowest cost whose τU stays within --max-tau-u, "
            + "in parallel over the cores. Prints the winner and the Pareto front (cost against τU) and writes the winner as appsettings.json, or as an HPA manifest or AWS policy when --config is one. "
            + "With --config, the group's limits, interval and rate policies are the base of every candidate.",
            replay,
            maxTauU,
            output);
        command.SetAction(result => Cli.Guarded(result, r =>
        {
            var trace = replay.ReadTrace(r);
            var simulation = replay.Simulation(r);
            var group = replay.Configured(r, simulation)?.Group ?? replay.Group(r);
            var name = r.GetRequiredValue(replay.GroupName);
            var candidates = Tuner.Grid(group.MinInstances);
            var error = r.InvocationConfiguration.Error;
            var started = Stopwatch.GetTimestamp();
            var step = Math.Max(1, candidates.Count / 10);
            var results = Tuner.Run(name, trace, group, simulation, candidates, done =>
            {
                if (done % step == 0 || done == candidates.Count)
                {
                    lock (error)
                    {
                        error.WriteLine($"tuned {done:N0}/{candidates.Count:N0} configurations ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
                    }
                }
            });
            var elapsed = Stopwatch.GetElapsedTime(started);
            var bound = r.GetValue(maxTauU);
            var o = r.InvocationConfiguration.Output;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{candidates.Count:N0} configurations on {trace.Name} in {elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores"));
            o.WriteLine();
            o.WriteLine("Pareto front (cost against τU):");
            SimulationReport.WriteMarkdownTable(o, [.. Tuner.ParetoFront(results).Select(x => new SimulationRun(x.Candidate.ToString(), x.Scores))]);
            var format = replay.ConfigFormatOf(r) ?? ConfigFormat.AppSettings;

            // Only candidates the input's format can express compete (the HPA has no cooldown; AWS target tracking neither, nor a tolerance, window or minimum).
            var winner = Tuner.Winner([.. results.Where(x => GroupImport.CanWrite(format, x.Candidate, group))], bound)
                ?? throw new CliException(string.Create(CultureInfo.InvariantCulture, $"no configuration keeps τU within {bound} %; the lowest τU reached is {results.Min(x => x.Scores.TauU):F3} %. Raise --max-tau-u or --max."));
            o.WriteLine();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"winner (cost {winner.Scores.Cost:F2}, τU {winner.Scores.TauU:F3} % ≤ {bound} %): {winner.Candidate}"));
            var file = r.GetValue(output) ?? new FileInfo(format switch { ConfigFormat.Hpa => "tuned.hpa.yaml", ConfigFormat.Aws => "tuned.aws.json", _ => "tuned.appsettings.json" });
            var (tuned, target) = (winner.Candidate.Apply(group), simulation.CapacityPerInstance * winner.Candidate.TargetUtilization / 100);
            using (var stream = File.Create(file.FullName))
            {
                switch (format)
                {
                    case ConfigFormat.Hpa:
                        using (var yaml = new StreamWriter(stream))
                        {
                            HpaWriter.Write(yaml, name, tuned, simulation.MetricName, target, winner.Candidate.Tolerance);
                        }

                        break;
                    case ConfigFormat.Aws:
                        AwsWriter.Write(stream, name, tuned, simulation.MetricName, target, winner.Candidate.Tolerance);
                        break;
                    default:
                        AppSettingsWriter.Write(stream, name, tuned, simulation.MetricName, target, winner.Candidate.Tolerance);
                        break;
                }
            }

            o.WriteLine($"{format switch { ConfigFormat.Hpa => "HPA manifest", ConfigFormat.Aws => "AWS policy", _ => "appsettings.json" }}: {file.FullName}");
        }));
        return command;
    }
}
