using AutoScaling.Simulation.Tool;

namespace AutoScaling.Simulation.Tests.Tool;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autoscaling-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_bad_csv_names_the_line_and_the_column()
    {
        var trace = File("bad.csv", "timestamp_seconds,requests_per_second\n0,1\n60,abc\n");

        var (code, _, error) = Run("simulate", "--trace", trace);

        Assert.Equal(Cli.UserError, code);
        Assert.Equal("error: bad.csv, line 3, column 2: requests_per_second 'abc' is not a number.", error.Trim());
    }

    [Fact]
    public void An_empty_trace_says_so()
    {
        var (code, _, error) = Run("simulate", "--trace", File("empty.csv", "timestamp_seconds,requests_per_second\n"));

        Assert.Equal(Cli.UserError, code);
        Assert.Contains("empty.csv: the trace is empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_that_fails_validation_names_the_field_and_the_value()
    {
        var (code, _, error) = Run("simulate", "--trace", Small(), "--min", "5", "--max", "2", "--failure-rate", "2");

        Assert.Equal(Cli.UserError, code);
        Assert.Contains("MinInstances is 5; it must not be greater than MaxInstances (2)", error, StringComparison.Ordinal);
        Assert.Contains("StartFailureRate is 2; it must be at least 0 and less than 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_refuses_a_bucket_that_does_not_divide_a_day_naming_it()
    {
        var (code, _, error) = Run("forecast", "--trace", Small(), "--bucket", "420");

        Assert.Equal(Cli.UserError, code);
        Assert.Contains("Predictive policy: Bucket is 00:07:00; it must be from 00:01:00 to 01:00:00 and divide a day", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_policy_lists_the_known_ones()
    {
        var (code, _, error) = Run("compare", "--trace", Small(), "--policies", "target-tracking,magic", "--out", Path.Combine(_dir, "out"));

        Assert.Equal(Cli.UserError, code);
        Assert.Equal("error: unknown policy 'magic'; known: target-tracking, step-scaling, threshold, hybrid.", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_dir, "out"))); // checked before any run
    }

    [Fact]
    public void A_missing_trace_file_says_which()
    {
        var (code, _, error) = Run("simulate", "--trace", Path.Combine(_dir, "nope.csv"));

        Assert.Equal(Cli.UserError, code);
        Assert.Contains("nope.csv' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_the_commands_and_their_options()
    {
        var (code, output, _) = Run("--help");
        var (_, simulateHelp, _) = Run("simulate", "--help");

        Assert.Equal(0, code);
        Assert.Contains("simulate", output, StringComparison.Ordinal);
        Assert.Contains("compare", output, StringComparison.Ordinal);
        Assert.Contains("--capacity", simulateHelp, StringComparison.Ordinal);
        Assert.Contains("Requests per second one instance serves", simulateHelp, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_writes_the_table_the_report_and_every_series()
    {
        var outDir = Path.Combine(_dir, "report");

        var (code, output, error) = Run("compare", "--trace", Small(), "--capacity", "100", "--out", outDir);

        Assert.Equal(0, code);
        Assert.Contains("| target-tracking |", output, StringComparison.Ordinal);
        Assert.Contains("| step-scaling |", output, StringComparison.Ordinal);
        Assert.Contains("| threshold |", output, StringComparison.Ordinal);
        Assert.Contains("[3/3] threshold", error, StringComparison.Ordinal); // progress
        foreach (var file in new[] { "report.html", "scores.csv", "series.csv", "series.json" })
        {
            Assert.True(new FileInfo(Path.Combine(outDir, file)).Length > 100, file);
        }

        Assert.Equal(4, System.IO.File.ReadAllLines(Path.Combine(outDir, "scores.csv")).Length); // header + 3 runs
    }

    private string Small()
    {
        var rows = string.Join('\n', Enumerable.Range(0, 120).Select(i => $"{i * 60},{500 + (400 * Math.Sin(i / 10.0)):F1}"));
        return File("small.csv", "timestamp_seconds,requests_per_second\n" + rows + "\n");
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    internal static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = Cli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}

public sealed class TuneCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autoscaling-sim-tune-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Tune_prints_the_winner_and_the_front_and_its_appsettings_replays_with_simulate()
    {
        var trace = Path.Combine(_dir, "t.csv");
        File.WriteAllText(trace, "timestamp_seconds,requests_per_second\n" + string.Join('\n', Enumerable.Range(0, 90).Select(i => $"{i * 60},{600 + (500 * Math.Sin(i / 8.0)):F1}")) + "\n");
        var settings = Path.Combine(_dir, "tuned.json");

        var (code, output, error) = Run("tune", "--trace", trace, "--max-tau-u", "5", "--out", settings);
        var (simulateCode, simulated, simulateError) = Run("simulate", "--trace", trace, "--config", settings, "--group", "web");

        Assert.True(code == 0, error);
        Assert.Contains("Pareto front", output, StringComparison.Ordinal);
        Assert.Contains("winner (cost ", output, StringComparison.Ordinal);
        Assert.Matches(@"tuned (\d{3},\d{3}|\d{3})/\1 configurations", error); // two rounds: 520 and up to 530
        Assert.True(simulateCode == 0, simulateError);
        var cost = output.Split("winner (cost ")[1].Split(',')[0];
        Assert.Contains($"| {cost} |", simulated, StringComparison.Ordinal); // the exported group costs what the tuner measured
    }

    [Fact]
    public void Tune_from_an_HPA_manifest_writes_an_HPA_that_replays_at_the_measured_cost()
    {
        // No extension on the output: its format is detected from the content when it is replayed.
        var (winner, tuned) = TuneAndReplay("hpa.yaml", Import.HpaImportTests.Realistic, "tuned.txt", "HPA manifest: ");

        Assert.Contains(", cooldown 0 s,", winner, StringComparison.Ordinal);
        Assert.StartsWith("apiVersion: autoscaling/v2", tuned, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_from_an_AWS_policy_writes_an_AWS_policy_that_replays_at_the_measured_cost()
    {
        var (winner, tuned) = TuneAndReplay("policy.json", Import.AwsImportTests.TargetTracking, "tuned.json", "AWS policy: ", "--max", "40");

        Assert.Contains(", tolerance 0.1, scale-down window 300 s, cooldown 0 s, min 1", winner, StringComparison.Ordinal);
        Assert.Contains("\"TargetTrackingConfiguration\"", tuned, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forced_format_that_does_not_fit_names_the_field()
    {
        var trace = Path.Combine(_dir, "t.csv");
        File.WriteAllText(trace, "0,10\n60,20\n");
        var settings = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(settings, "{\n  \"AutoScaling\": {\n    \"Groups\": { \"web\": { \"MaxInstances\": 3 } } } }\n");

        var (code, _, error) = Run("simulate", "--trace", trace, "--config", settings, "--format", "Hpa");

        Assert.Equal(AutoScaling.Simulation.Tool.Cli.UserError, code);
        Assert.Equal("error: appsettings.json: apiVersion = 'missing' is not supported: expected autoscaling/v2.", error.Trim());
    }

    [Fact]
    public void Tune_with_an_unreachable_bound_says_what_was_reached()
    {
        var trace = Path.Combine(_dir, "spike.csv");
        File.WriteAllText(trace, "0,10\n60,5000\n120,10\n");

        var (code, _, error) = Run("tune", "--trace", trace, "--max-tau-u", "0", "--max", "3", "--out", Path.Combine(_dir, "x.json"));

        Assert.Equal(AutoScaling.Simulation.Tool.Cli.UserError, code);
        Assert.Contains("no configuration keeps τU within 0 %; the lowest τU reached is", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_from_an_AWS_step_policy_tunes_step_scaling_and_writes_an_AWS_step_policy()
    {
        var (winner, tuned) = TuneAndReplay("steps.json", Import.AwsImportTests.StepScaling, "tuned.json", "AWS policy: ", "--max", "40", "--policies", "step-scaling,target-tracking");

        Assert.Contains("step scaling at ", winner, StringComparison.Ordinal);
        Assert.Contains("\"PolicyType\": \"StepScaling\"", tuned, StringComparison.Ordinal);
        Assert.Contains("\"Alarm\"", tuned, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_thresholds_writes_appsettings_with_the_threshold_rule()
    {
        var (winner, tuned) = TuneAndReplay("base.json", "{ \"AutoScaling\": { \"Groups\": { \"web\": { \"MaxInstances\": 30, \"Policies\": [ { \"Type\": \"Fixed\", \"Instances\": 3 } ] } } } }", "tuned.json", "appsettings.json: ", "--policies", "threshold");

        Assert.StartsWith("threshold up above ", winner.Split("): ")[1], StringComparison.Ordinal);
        Assert.Contains("\"Type\": \"Threshold\"", tuned, StringComparison.Ordinal);
        Assert.Contains("\"ScaleUpAbove\"", tuned, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_refuses_a_policy_it_cannot_tune_and_lists_the_known_ones()
    {
        var trace = Path.Combine(_dir, "t.csv");
        File.WriteAllText(trace, "0,10\n60,20\n");

        var (code, _, error) = Run("tune", "--trace", trace, "--policies", "target-tracking,predictive");

        Assert.Equal(AutoScaling.Simulation.Tool.Cli.UserError, code);
        Assert.Equal("error: --policies: the tuner knows no policy 'predictive'; known: target-tracking, step-scaling, threshold, hybrid.", error.Trim());
    }

    [Fact]
    public void Limits_on_the_command_line_override_the_configurations()
    {
        var trace = Path.Combine(_dir, "t.csv");
        File.WriteAllText(trace, "timestamp_seconds,requests_per_second\n" + string.Join('\n', Enumerable.Range(0, 60).Select(i => $"{i * 60},{(i < 30 ? 100 : 900)}")) + "\n");
        string Settings(string name, int max)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, $$"""{ "AutoScaling": { "Groups": { "web": { "MaxInstances": {{max}}, "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 70 } ] } } } }""");
            return path;
        }

        var (code, overridden, error) = Run("simulate", "--trace", trace, "--config", Settings("three.json", 3), "--max", "12");
        var (_, twelve, _) = Run("simulate", "--trace", trace, "--config", Settings("twelve.json", 12));
        var (_, three, _) = Run("simulate", "--trace", trace, "--config", Settings("three.json", 3));
        var (badCode, _, badError) = Run("simulate", "--trace", trace, "--config", Settings("three.json", 3), "--min", "5");

        Assert.True(code == 0, error);
        Assert.Equal(twelve, overridden);
        Assert.NotEqual(three, overridden);
        Assert.Equal(AutoScaling.Simulation.Tool.Cli.UserError, badCode);
        Assert.Contains("--config with --min, --max or --interval:", badError, StringComparison.Ordinal);
        Assert.Contains("MinInstances", badError, StringComparison.Ordinal);
    }

    private static string[] WithoutPolicies(string[] args)
    {
        var i = Array.IndexOf(args, "--policies");
        return i < 0 ? args : [.. args[..i], .. args[(i + 2)..]];
    }

    /// <summary>Tunes from <paramref name="config"/>, replays the written winner, checks it costs what the tuner measured; returns the winner line and the file.</summary>
    private (string Winner, string Tuned) TuneAndReplay(string configName, string config, string tunedName, string written, params string[] limits)
    {
        var trace = Path.Combine(_dir, "t.csv");
        File.WriteAllText(trace, "timestamp_seconds,requests_per_second\n" + string.Join('\n', Enumerable.Range(0, 90).Select(i => $"{i * 60},{600 + (500 * Math.Sin(i / 8.0)):F1}")) + "\n");
        var input = Path.Combine(_dir, configName);
        File.WriteAllText(input, config);
        var tuned = Path.Combine(_dir, tunedName);

        var (code, output, error) = Run(["tune", "--trace", trace, "--config", input, "--max-tau-u", "5", "--out", tuned, .. limits]);
        var (simulateCode, simulated, simulateError) = Run(["simulate", "--trace", trace, "--config", tuned, .. WithoutPolicies(limits)]);

        Assert.True(code == 0, error);
        Assert.Contains(written + tuned, output, StringComparison.Ordinal);
        Assert.True(simulateCode == 0, simulateError);
        var winner = output.Split("winner (cost ")[1];
        Assert.Contains($"| {winner.Split(',')[0]} |", simulated, StringComparison.Ordinal);
        return (winner, File.ReadAllText(tuned));
    }

    private static (int Code, string Output, string Error) Run(params string[] args) => CliTests.Run(args);
}
