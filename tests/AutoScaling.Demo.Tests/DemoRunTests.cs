using System.Globalization;
using System.Text.RegularExpressions;
using AutoScaling.Testing;

namespace AutoScaling.Demo.Tests;

/// <summary>
/// The demo tool end to end on real dockerd, haproxy and prometheus (its own ports, 17300-17393): a short run scales out
/// and serves every request, and a run stopped by SIGTERM stops everything too; after both, no container with the run's
/// owner label and no process it started is left. One class: the runs share the demo's ports, so they run one after another.
/// </summary>
public sealed partial class DemoRunTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task A_short_run_scales_out_serves_every_request_and_leaves_nothing_behind()
    {
        RequireComponents();
        // A plateau of 15/s (2 instances at 10 each, 3 in the spike), under the default: a starved CI machine still answers
        // every request (at 20/s and a load average of 60, two busybox servers once fell 200 requests behind).
        var runDir = RunDirectory();
        using var demo = Start(runDir, "--duration", "30s", "--rate", "15");
        var exit = await demo.WaitAsync(s_limit);
        var output = demo.Output;
        Assert.True(exit == 0, $"exit {exit}:\n{output}");

        var requests = RequestsLine().Match(output);
        Assert.True(requests.Success, output);
        Assert.True(long.Parse(requests.Groups["sent"].Value, CultureInfo.InvariantCulture) > 150, output); // the profile asks for ~390 in 30 s
        Assert.True(requests.Groups["failed"].Value == "0", $"failed requests:\n{output}");
        var events = EventsLine().Match(output);
        Assert.True(events.Success && int.Parse(events.Groups["up"].Value, CultureInfo.InvariantCulture) >= 1, $"no scale-out:\n{output}");
        var max = MaxInstancesLine().Match(output);
        Assert.True(max.Success && int.Parse(max.Groups["max"].Value, CultureInfo.InvariantCulture) >= 2, $"never more than one instance:\n{output}");
        await AssertNothingLeftAsync(runDir, output);
    }

    [SkippableFact]
    public async Task SIGTERM_while_the_load_runs_stops_everything_it_started()
    {
        RequireComponents();
        var runDir = RunDirectory();
        using var demo = Start(runDir, "--duration", "2m");
        Assert.True(
            await Tools.WaitUntilAsync(() => Task.FromResult(demo.HasExited || demo.Output.Contains("sent ", StringComparison.Ordinal)), s_limit),
            "the load did not start:\n" + demo.Output);
        Assert.False(demo.HasExited, demo.Output);

        await demo.SignalAsync("TERM");
        var exit = await demo.WaitAsync(TimeSpan.FromMinutes(2));
        var output = demo.Output;
        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        Assert.Contains("demo: interrupted; stopping everything it started", output, StringComparison.Ordinal);
        Assert.Matches(RequestsLine(), output);
        await AssertNothingLeftAsync(runDir, output);
    }

    private static void RequireComponents()
    {
        // The demo's tools (the docker CLI, the autoscaler's Docker provider) follow DOCKER_HOST, so does this check.
        var socket = Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
        Component.Require(File.Exists(socket), $"dockerd is not running on {socket} (run ./build.sh setup: scripts/setup/docker.sh)");
        Component.Require(HAProxyServer.Binary is not null, HAProxyServer.HowToInstall);
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
    }

    private static string RunDirectory() => Path.Combine(Path.GetTempPath(), "autoscaling-demo-test-" + Guid.NewGuid().ToString("N")[..8]);

    private static ChildProcess Start(string runDir, params string[] args)
        => ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "autoscaling-demo"), [.. args, "--run-dir", runDir]);

    /// <summary>
    /// No process started by the run is left (each has the run's own directory in its command line: a pid alone may be
    /// reused on a busy machine), and dockerd has no container with the run's owner label.
    /// </summary>
    private static async Task AssertNothingLeftAsync(string runDir, string output)
    {
        Assert.Equal(3, StartedLine().Count(output)); // haproxy, prometheus, the autoscaler
        var left = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var commandLine = (await File.ReadAllTextAsync(Path.Combine(proc, "cmdline"))).Replace('\0', ' ');
                if (commandLine.Contains(runDir, StringComparison.Ordinal))
                {
                    left.Add($"{Path.GetFileName(proc)}: {commandLine}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not a process, or gone meanwhile
            }
        }

        Assert.True(left.Count == 0, $"processes of the run left:\n{string.Join('\n', left)}\n{output}");

        var owner = OwnerLine().Match(output).Groups["owner"].Value;
        Assert.StartsWith("demo-", owner, StringComparison.Ordinal);
        using var docker = ChildProcess.Start(File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker", "ps", "-aq", "--filter", "label=io.autoscaling.owner=" + owner);
        Assert.True(await Tools.WaitUntilAsync(() => Task.FromResult(docker.HasExited), TimeSpan.FromMinutes(1)), "docker ps did not answer");
        Assert.True(string.IsNullOrWhiteSpace(docker.Output), $"containers of {owner} left: {docker.Output}\n{output}");
        Directory.Delete(runDir, recursive: true); // the configurations and logs, kept when a check above failed
    }

    [GeneratedRegex(@"started \w+ \(pid (?<pid>\d+)\)")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"owner id (?<owner>demo-[0-9a-f]+)")]
    private static partial Regex OwnerLine();

    [GeneratedRegex(@"requests +sent (?<sent>\d+), 2xx \d+, failed (?<failed>\d+)")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"scaling events +\d+: (?<up>\d+) up")]
    private static partial Regex EventsLine();

    [GeneratedRegex(@"max instances +(?<max>\d+)")]
    private static partial Regex MaxInstancesLine();
}
