using System.CommandLine;
using System.Globalization;
using AutoScaling.Load;

namespace AutoScaling.Demo;

/// <summary>The <c>autoscaling-demo</c> command line (<c>./build.sh demo [options]</c>).</summary>
internal static class Cli
{
    public const int UserError = 2;

    /// <summary>The longest --duration: the demo stays a few minutes at most.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool terminal, CancellationToken stop)
    {
        var duration = new Option<string>("--duration", "-d") { Description = "How long the load runs (10s to 10m); every phase of the profile scales with it.", DefaultValueFactory = _ => "3m" };
        var rate = new Option<double>("--rate", "-r") { Description = "The plateau in requests per second (the spike is twice it; ramps start and end at a sixth of it).", DefaultValueFactory = _ => 30 };
        var autoscaler = new Option<string>("--autoscaler") { Description = "The autoscaler executable (default: the one built next to this tool).", DefaultValueFactory = _ => Path.Combine(AppContext.BaseDirectory, "autoscaler") };
        var runDir = new Option<string?>("--run-dir") { Description = "Where the generated configurations and the components' logs go (default: $AUTOSCALING_RUN_DIR/demo/<time>, or a temporary folder)." };
        var root = new RootCommand(
            "Starts haproxy, prometheus and the autoscaler on 127.0.0.1 over busybox containers on dockerd, drives a load profile "
            + "(ramp up, plateau, spike, ramp down) through haproxy, shows a live view, then stops everything it started.\n"
            + "Example: autoscaling-demo --duration 90s --rate 30")
        {
            duration, rate, autoscaler, runDir,
        };

        var exit = 0;
        root.SetAction(async (r, _) =>
        {
            var text = r.GetRequiredValue(duration);
            if (!Durations.TryParse(text, out var length) || length < TimeSpan.FromSeconds(10) || length > MaxDuration)
            {
                error.WriteLine($"error: --duration is '{text}'; it must be from 10s to 10m, as 90s or 3m.");
                exit = UserError;
                return;
            }

            var plateau = r.GetValue(rate);
            if (!(plateau is >= 1 and <= 200))
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --rate is {plateau}; it must be from 1 to 200 requests per second."));
                exit = UserError;
                return;
            }

            var binary = r.GetRequiredValue(autoscaler);
            if (!File.Exists(binary))
            {
                error.WriteLine($"error: --autoscaler is '{binary}', which does not exist; build src/AutoScaling.Host (./build.sh demo does).");
                exit = UserError;
                return;
            }

            var options = new DemoOptions(length, plateau, Path.GetFullPath(binary), Path.GetFullPath(r.GetValue(runDir) ?? DefaultRunDirectory()), terminal);
            exit = await new DemoRun(options, output, error).RunAsync(stop);
        });
        // No ProcessTerminationTimeout: System.CommandLine would end the process 2 s after a SIGTERM, before the stack is
        // stopped; Program's signal handlers own the stop.
        var invocation = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        var code = await root.Parse(args).InvokeAsync(invocation, CancellationToken.None);
        return code != 0 ? code : exit;
    }

    private static string DefaultRunDirectory()
    {
        var time = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } run
            ? Path.Combine(run, "demo", time)
            : Path.Combine(Path.GetTempPath(), "autoscaling-demo-" + time);
    }
}
