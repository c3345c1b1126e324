using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Simulation.Tool;

/// <summary><c>tune</c>: searches a policy's parameters and the group's behavior for the lowest cost with τU within a bound.</summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var replay = new ReplayOptions();
        var maxTauU = new Option<double>("--max-tau-u") { Description = "The bound: the largest under-provisioning timeshare τU allowed, in percent of the time.", DefaultValueFactory = _ => 1 };
        var policies = new Option<string[]>("--policies", "-p")
        {
            Description = $"The policies to tune, comma-separated or repeated: {string.Join(", ", Tuner.Presets)}.",
            DefaultValueFactory = _ => [PolicyPresets.TargetTracking],
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the winner, in the format of --config (appsettings.json, HPA YAML or AWS JSON); default tuned.appsettings.json, tuned.hpa.yaml or tuned.aws.json." };
        var command = Cli.NewCommand(
            "tune",
            "Search the policy's parameters (target tracking: target and tolerance; step scaling: threshold, step sizes, scale-in point; thresholds: bounds and step), "
            + "the scale-down window and the minimum, then around the best the cooldowns and rate policies of both directions, for the lowest cost whose τU stays within --max-tau-u, "
            + "in parallel over the cores. Prints the winner and the Pareto front (cost against τU) and writes the winner as appsettings.json, or as an HPA manifest or AWS policy when --config is one "
            + "(only candidates that format can express compete). With --config, the group's limits, interval, windows, cooldowns and rate policies are the base of every candidate.",
            replay,
            maxTauU,
            policies,
            output);
        command.SetAction(result => Cli.Guarded(result, r =>
        {
            var trace = replay.ReadTrace(r);
            var simulation = replay.Simulation(r);
            var group = replay.Configured(r, simulation)?.Group ?? replay.Group(r);
            var name = r.GetRequiredValue(replay.GroupName);
            var presets = Cli.Split(r.GetRequiredValue(policies));
            foreach (var preset in presets.Where(p => !Tuner.Presets.Contains(p)))
            {
                throw new CliException($"--policies: the tuner knows no policy '{preset}'; known: {string.Join(", ", Tuner.Presets)}.");
            }

            var bound = r.GetValue(maxTauU);
            var error = r.InvocationConfiguration.Error;
            var started = Stopwatch.GetTimestamp();
            var reported = 0;
            var results = Tuner.Search(name, trace, group, simulation, presets, bound, (done, planned) =>
            {
                lock (error)
                {
                    if (done == planned || done >= reported + Math.Max(1, planned / 10))
                    {
                        reported = done;
                        error.WriteLine($"tuned {done:N0}/{planned:N0} configurations ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
                    }
                }
            });
            var elapsed = Stopwatch.GetElapsedTime(started);
            var o = r.InvocationConfiguration.Output;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{results.Length:N0} configurations on {trace.Name} in {elapsed.TotalSeconds:F1} s on {Environment.ProcessorCount} cores"));
            o.WriteLine();
            o.WriteLine("Pareto front (cost against τU):");
            SimulationReport.WriteMarkdownTable(o, [.. Tuner.ParetoFront(results).Select(x => new SimulationRun(x.Candidate.ToString(), x.Scores))]);
            var format = replay.ConfigFormatOf(r) ?? ConfigFormat.AppSettings;
            var winner = Tuner.Winner([.. results.Where(x => GroupImport.CanWrite(format, x.Candidate, group))], bound)
                ?? throw new CliException(string.Create(CultureInfo.InvariantCulture, $"no configuration keeps τU within {bound} %; the lowest τU reached is {results.Min(x => x.Scores.TauU):F3} %. Raise --max-tau-u or --max."));
            o.WriteLine();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"winner (cost {winner.Scores.Cost:F2}, τU {winner.Scores.TauU:F3} % ≤ {bound} %): {winner.Candidate}"));
            var file = r.GetValue(output) ?? new FileInfo(format switch { ConfigFormat.Hpa => "tuned.hpa.yaml", ConfigFormat.Aws => "tuned.aws.json", _ => "tuned.appsettings.json" });
            Write(file, format, name, winner.Candidate, group, simulation);
            o.WriteLine($"{format switch { ConfigFormat.Hpa => "HPA manifest", ConfigFormat.Aws => "AWS policy", _ => "appsettings.json" }}: {file.FullName}");
        }));
        return command;
    }

    private static void Write(FileInfo file, ConfigFormat format, string name, TuningCandidate winner, ScalingGroupOptions group, SimulationOptions simulation)
    {
        var tuned = winner.Apply(group);
        using var stream = File.Create(file.FullName);
        switch (format, winner.Policy)
        {
            case (ConfigFormat.Hpa, TunedTargetTracking t):
                using (var yaml = new StreamWriter(stream))
                {
                    HpaWriter.Write(yaml, name, tuned, simulation.MetricName, t.TargetPerInstance(simulation), t.Tolerance);
                }

                break;
            case (ConfigFormat.Aws, TunedTargetTracking t):
                AwsWriter.Write(stream, name, tuned, simulation.MetricName, t.TargetPerInstance(simulation), t.Tolerance);
                break;
            case (ConfigFormat.Aws, TunedStepScaling s):
                AwsWriter.Write(stream, name, tuned, s);
                break;
            default:
                AppSettingsWriter.Write(stream, name, tuned, winner.Policy, simulation);
                break;
        }
    }
}
