using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AutoScaling.Controller;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AutoScaling.Integration.Tests;

/// <summary>
/// Counts the calls of a one-instance scale-out and scale-in of Docker containers behind HAProxy through the controller:
/// provider listings (a recording decorator), <c>show servers state</c> commands and Docker container listings (pass-through
/// proxies in front of the real runtime API and dockerd sockets), per step. The numbers are in docs/integration.md.
/// </summary>
[Collection(StackTestGroup.Name)]
public sealed partial class CallCountTests(ITestOutputHelper output)
{
    private static readonly string[] Columns = ["P.List", "R.List", "show servers state", "haproxy commands", "docker container lists"];

    [SkippableFact]
    public async Task One_instance_scale_out_and_scale_in_stay_within_two_listings_per_step_but_the_routed_poll()
    {
        Component.Require(HAProxyServer.Binary is not null, "haproxy is not installed (run ./build.sh setup)");
        using var docker = new DockerApi();
        var missing = await docker.MissingAsync();
        Component.Require(missing is null, missing ?? string.Empty);
        var ports = new List<int>();
        using var haproxy = await FaultTests.StartHAProxyAsync(ports);
        var log = new CallLog();
        await using var haproxyProxy = new UnixSocketProxy(haproxy.SocketPath, line => log.Add("haproxy " + line));
        await using var dockerProxy = new UnixSocketProxy(DockerApi.SocketPath, line =>
        {
            if (RequestLine().Match(line) is { Success: true } m)
            {
                log.Add($"docker {m.Groups[1].Value} {m.Groups[2].Value}");
            }
        });
        var owner = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        var report = new StringBuilder();
        using var host = StackGroup.Build(new StackGroupSettings(haproxyProxy.Path, dockerProxy.Path, owner, 18650, 1), log, _ => { });
        try
        {
            var control = host.Services.GetRequiredService<IAutoScalingControl>();
            var controller = host.Services.GetRequiredService<ScalingGroupRegistry>().Get(StackGroup.Name);

            var first = await MeasureAsync("0 -> 1 (scale-out, first tick)", () => controller.TickAsync(CancellationToken.None), log, report);
            control.SetManualTarget(StackGroup.Name, 2);
            var scaleOut = await MeasureAsync("1 -> 2 (scale-out)", () => controller.TickAsync(CancellationToken.None), log, report);
            control.SetManualTarget(StackGroup.Name, 1);
            var scaleIn = await MeasureAsync("2 -> 1 (scale-in)", () => controller.TickAsync(CancellationToken.None), log, report);
            output.WriteLine(report.ToString());

            Assert.Single(await haproxy.ServersAsync("web")); // one server left after the scale-in
            Assert.Contains(scaleOut.Keys, k => k == "register");
            Assert.Contains(scaleIn.Keys, k => k == "deregister");
            foreach (var (steps, what) in new[] { (first, "first"), (scaleOut, "scale-out"), (scaleIn, "scale-in") })
            {
                // Issue 8's goal: at most two listings and two 'show servers state' per step. Waiting until routed is a
                // poll (100 ms doubling to InstanceCheckInterval) whose count follows HAProxy's first check: bounded, not 2.
                // In all: the tick's look, the wait until active (the provider no longer waits itself) and the look after.
                Assert.True(steps.Values.Sum(c => c["P.List"]) <= 3, $"{what}: {steps.Values.Sum(c => c["P.List"])} provider listings (5 before the router redesign)");
                foreach (var (step, counts) in steps)
                {
                    var most = step == "wait routed" ? 4 : 2;
                    Assert.True(counts["P.List"] <= 2 && counts["show servers state"] <= most, $"{what}, step {step}: {counts["P.List"]} provider listings, {counts["show servers state"]} 'show servers state'");
                }
            }
        }
        finally
        {
            var ours = await docker.ListAsync("io.autoscaling.owner=" + owner);
            foreach (var c in ours)
            {
                await docker.RemoveAsync(c.Id);
            }

            Assert.Empty(await docker.ListAsync("io.autoscaling.owner=" + owner));
        }
    }

    /// <summary>Runs one tick and splits what it called into the controller's steps.</summary>
    private static async Task<Dictionary<string, Dictionary<string, int>>> MeasureAsync(string title, Func<Task<ScalingDecision?>> tick, CallLog log, StringBuilder report)
    {
        var skip = log.Snapshot().Count;
        var decision = await tick();
        var events = log.Snapshot().Skip(skip).Where(e => !e.StartsWith("log ", StringComparison.Ordinal)).ToList();
        var steps = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var step = "observe";
        foreach (var e in events)
        {
            step = e switch
            {
                "P.List" when step == "provision" => "wait active",
                "P.List" when step is "wait routed" or "register" or "deregister" or "decommission" => "observe after",
                "P.Provision" => "provision",
                "R.List" when step == "register" => "wait routed",
                _ when e.StartsWith("R.Register", StringComparison.Ordinal) => "register",
                _ when e.StartsWith("R.Drain", StringComparison.Ordinal) => "drain",
                _ when e.StartsWith("R.Deregister", StringComparison.Ordinal) => "deregister",
                _ when e.StartsWith("P.Decommission", StringComparison.Ordinal) => "decommission",
                _ => step,
            };
            if (!steps.TryGetValue(step, out var counts))
            {
                steps[step] = counts = Columns.ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
            }

            if (e is "P.List" or "R.List")
            {
                counts[e]++;
            }
            else if (e.StartsWith("haproxy ", StringComparison.Ordinal) && e != "haproxy prompt" && e.Length > "haproxy ".Length)
            {
                counts["haproxy commands"]++;
                if (e.StartsWith("haproxy show servers state", StringComparison.Ordinal))
                {
                    counts["show servers state"]++;
                }
            }
            else if (e.StartsWith("docker GET", StringComparison.Ordinal) && e.Contains("/containers/json", StringComparison.Ordinal))
            {
                counts["docker container lists"]++;
            }
        }

        report.Append(CultureInfo.InvariantCulture, $"{title}: decision {decision}\n");
        report.Append("  step            | " + string.Join(" | ", Columns) + "\n");
        foreach (var (name, counts) in steps)
        {
            report.Append(CultureInfo.InvariantCulture, $"  {name,-15} | {string.Join(" | ", Columns.Select(c => counts[c].ToString(CultureInfo.InvariantCulture).PadLeft(c.Length)))}\n");
        }

        report.Append(CultureInfo.InvariantCulture, $"  total           | {string.Join(" | ", Columns.Select(c => steps.Values.Sum(s => s[c]).ToString(CultureInfo.InvariantCulture).PadLeft(c.Length)))}\n");
        report.Append("  trace: " + string.Join(" ; ", events) + "\n");
        return steps;
    }

    [GeneratedRegex("(GET|POST|DELETE|PUT|HEAD) (/[^ ?]*)")]
    private static partial Regex RequestLine();
}
