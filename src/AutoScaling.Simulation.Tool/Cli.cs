using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace AutoScaling.Simulation.Tool;

/// <summary>The <c>autoscaling-sim</c> command line: <c>simulate</c>, <c>compare</c>, <c>tune</c> and <c>analyze</c>.</summary>
internal static class Cli
{
    public const int UserError = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "Replays a recorded request rate through AutoScaling's real decision engine and policies over simulated instances, "
            + "and scores the result: instance-hours, cost, energy, under-provisioned time and the SPEC elasticity metrics.\n"
            + "Example: autoscaling-sim compare --trace ../shared/traces/worldcup98_0625_0627_1min.csv --capacity 100 --out report");
        root.Subcommands.Add(SimulateCommand());
        root.Subcommands.Add(CompareCommand());
        root.Subcommands.Add(TuneCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(ForecastCommand.Create());
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Command SimulateCommand()
    {
        var replay = new ReplayOptions();
        var policy = new Option<string>("--policy", "-p") { Description = $"The policy: {string.Join(", ", PolicyPresets.Known)}.", DefaultValueFactory = _ => PolicyPresets.TargetTracking };
        var series = new Option<FileInfo?>("--series") { Description = "Also write the group at every evaluation to this CSV file." };
        var command = NewCommand("simulate", "Replay one policy on a trace and print its scores.", replay, policy, series);
        command.SetAction(result => Guarded(result, r =>
        {
            var trace = replay.ReadTrace(r);
            var simulation = replay.Simulation(r);
            var configured = replay.Configured(r, simulation);
            var name = configured is null ? r.GetRequiredValue(policy) : r.GetRequiredValue(replay.GroupName);
            var simulator = configured is { } c
                ? new Simulator(trace.Name, c.Group, c.Policies, simulation)
                : new Simulator(trace.Name, replay.Group(r), replay.Policies(r, name, simulation), simulation);
            var recorded = r.GetValue(series) is null ? null : new SimulationSeries(trace.Count);
            var run = new SimulationRun(name, simulator.Run(trace, recorded), recorded);
            var output = r.InvocationConfiguration.Output;
            SimulationReport.WriteMarkdownTable(output, [run]);
            if (r.GetValue(series) is { } file)
            {
                using var writer = new StreamWriter(file.FullName);
                SimulationCsv.WriteSeries(writer, [run]);
                output.WriteLine($"series: {file.FullName}");
            }
        }));
        return command;
    }

    private static Command CompareCommand()
    {
        var replay = new ReplayOptions();
        var policies = new Option<string[]>("--policies", "-p") { Description = $"The policies to compare ({string.Join(", ", PolicyPresets.Known)}), comma-separated or repeated; with --config the configured group is compared too.", DefaultValueFactory = _ => [.. PolicyPresets.Names], AllowMultipleArgumentsPerToken = true };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Directory for report.html, scores.csv, series.csv and series.json.", DefaultValueFactory = _ => new DirectoryInfo("simulation-report") };
        var analyze = new Option<bool>("--analyze") { Description = "Add the trace's workload analysis (as 'analyze' gives it) to report.html." };
        var command = NewCommand("compare", "Replay several policies on one trace: a table, CSV and JSON of every series, and a self-contained HTML report.", replay, policies, outDir, analyze);
        command.SetAction(result => Guarded(result, r =>
        {
            var trace = replay.ReadTrace(r);
            var simulation = replay.Simulation(r);
            var error = r.InvocationConfiguration.Error;
            var names = Split(r.GetRequiredValue(policies));
            var built = names.Select(n => (replay.Group(r), replay.Policies(r, n, simulation))).ToList(); // every name checked before the first long run
            if (replay.Configured(r, simulation) is { } configured)
            {
                names = [.. names, r.GetRequiredValue(replay.GroupName)];
                built.Add(configured);
            }

            var runs = new List<SimulationRun>();
            for (var i = 0; i < names.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                error.Write($"[{i + 1}/{names.Length}] {names[i]} on {trace.Name} ({trace.Count:N0} buckets)… ");
                var series = new SimulationSeries(trace.Count);
                var scores = new Simulator(trace.Name, built[i].Item1, built[i].Item2, simulation).Run(trace, series);
                runs.Add(new SimulationRun(names[i], scores, series));
                error.WriteLine($"{scores.Evaluations:N0} steps in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
            }

            var dir = r.GetRequiredValue(outDir);
            dir.Create();
            var analysis = r.GetValue(analyze) ? WorkloadAnalysis.Analyze(trace) : null;
            Write(Path.Combine(dir.FullName, "report.html"), w => SimulationReport.WriteHtml(w, $"{trace.Name}: {string.Join(", ", names)}", runs, simulation.CapacityPerInstance, analysis));
            Write(Path.Combine(dir.FullName, "scores.csv"), w => SimulationCsv.WriteScores(w, runs));
            Write(Path.Combine(dir.FullName, "series.csv"), w => SimulationCsv.WriteSeries(w, runs));
            using (var json = File.Create(Path.Combine(dir.FullName, "series.json")))
            {
                SimulationJson.Write(json, runs);
            }

            var output = r.InvocationConfiguration.Output;
            SimulationReport.WriteMarkdownTable(output, runs);
            output.WriteLine($"report: {Path.Combine(dir.FullName, "report.html")}");
        }));
        return command;
    }

    /// <summary>A command with the shared replay options and its own.</summary>
    internal static Command NewCommand(string name, string description, ReplayOptions replay, params Option[] options)
    {
        var command = new Command(name, description);
        replay.AddTo(command);
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>The values of a repeatable, comma-separated option.</summary>
    internal static string[] Split(string[] values)
        => [.. values.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    internal static void Write(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path);
        write(writer);
    }

    /// <summary>Runs an action and turns the errors a user can fix into one clear line and exit code 2.</summary>
    internal static int Guarded(ParseResult result, Action<ParseResult> action)
    {
        try
        {
            action(result);
            return 0;
        }
        catch (Exception ex) when (ex is CliException or TraceFormatException or OptionsValidationException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var message = ex is OptionsValidationException validation ? string.Join(Environment.NewLine, validation.Failures) : ex.Message;
            result.InvocationConfiguration.Error.WriteLine($"error: {message}");
            return UserError;
        }
    }
}
