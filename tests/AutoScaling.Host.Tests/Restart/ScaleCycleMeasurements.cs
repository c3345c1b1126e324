using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AutoScaling.Testing;

namespace AutoScaling.Host.Tests.Restart;

/// <summary>
/// Requests during scale cycles under load (issue 14): the autoscaler on the shared dockerd behind a real haproxy,
/// scaling on haproxy's own request rate (<c>HAProxyStats</c>, no Prometheus), while the load tool alternates a low
/// and a high step; every request is counted (2xx, other status, error, timeout) and the cycles are counted from
/// haproxy's backend (out: more than one server; in: back to one). Opt-in (<c>AUTOSCALING_MEASURE=1</c>): 20 cycles take
/// about 8 minutes. Bounded: the load tool's duration and request caps; the report goes to
/// <c>$AUTOSCALING_RUN_DIR/scale-cycles-measure.md</c> (else the temp folder).
/// </summary>
[Trait("Category", "Measure")]
public sealed class ScaleCycleMeasurements(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly int s_cycles = int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALING_SCALE_CYCLES"), CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 50 ? n : 20;
    private const int LowRate = 5;
    private const int HighRate = 30;
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(12);

    [SkippableFact]
    public async Task Requests_during_20_scale_cycles_under_load()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("AUTOSCALING_MEASURE") == "1", "an opt-in measurement (about 8 minutes): set AUTOSCALING_MEASURE=1");
        DockerGroupStack.RequireComponents();

        // 10 per instance: the low step needs 1 instance, the high one 3; one instance still copes with the high rate until
        // the group scales out (at 60 rps one busybox httpd on this loaded machine failed its health check and haproxy answered 503). Short windows so the group follows each step.
        await using var stack = await DockerGroupStack.StartAsync(null, (17250, 17289), """
            "MinInstances": 1, "MaxInstances": 4, "Interval": "00:00:00.500",
            "ScaleDown": { "StabilizationWindow": "00:00:01" },
            "Metrics": { "rps": { "Type": "HAProxyStats", "SocketPath": "{haproxy}", "Backend": "web", "Statistic": "RequestRate" } },
            "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 10 } ]
            """);
        Assert.True(await stack.WaitConvergedAsync(1, TimeSpan.FromMinutes(1)), $"the group did not start at 1: {await stack.DescribeAsync()}\n{stack.Host.Output}");

        var steps = string.Join(',', Enumerable.Repeat(string.Create(CultureInfo.InvariantCulture, $"{HighRate}x{s_step.TotalSeconds:F0}s,{LowRate}x{s_step.TotalSeconds:F0}s"), s_cycles));
        var length = 2 * s_cycles * s_step;
        var report = await RunAsync(stack, steps, length);

        var text = new StringBuilder()
            .AppendLine("# Requests during scale cycles under load")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- profile: step {HighRate} rps / {LowRate} rps, {s_step.TotalSeconds:F0} s each, {s_cycles} times ({length.TotalSeconds:F0} s); target 10 rps per instance (1 ↔ 3 instances); HAProxyStats RequestRate, interval 0.5 s, scale-down window 1 s")
            .AppendLine(CultureInfo.InvariantCulture, $"- cycles done (servers above 1, then back to 1): {report.Cycles} of {s_cycles}; most servers at once: {report.MostServers}")
            .AppendLine(CultureInfo.InvariantCulture, $"- requests: {report.Sent} sent, {report.Ok} 2xx, {report.Failed} failed ({report.OtherStatus} other status, {report.Errors} errors, {report.Timeouts} timeouts)")
            .AppendLine(CultureInfo.InvariantCulture, $"- latency: {report.Latency}")
            .AppendLine(CultureInfo.InvariantCulture, $"- wall time {report.Elapsed.TotalSeconds:F0} s; load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}")
            .ToString();
        var stat = Columns(await stack.HAProxy.CommandAsync("show stat web 2 -1"));
        var log = stack.HAProxy.Output.Split('\n');
        text += string.Create(CultureInfo.InvariantCulture, $"- haproxy backend web: {stat["hrsp_2xx"]} 2xx, {stat["hrsp_5xx"]} 5xx, {stat["econ"]} connection errors, {stat["eresp"]} response errors, {stat["wretr"]} retries, {stat["wredis"]} redispatches; {log.Count(l => l.Contains("Server deleted", StringComparison.Ordinal))} servers deleted (scale-in), {log.Count(l => l.Contains("is DOWN, reason", StringComparison.Ordinal))} marked down by a failed health check, {log.Count(l => l.Contains("no server available", StringComparison.Ordinal))} times no server available (one at start: the first server waits for its first check)\n");
        var file = Path.Combine(Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath(), "scale-cycles-measure.md");
        var servers = await stack.HAProxy.CommandAsync("show stat web 4 -1");
        await File.WriteAllTextAsync(file, $"{text}\n## Timeline (load tool progress; servers of backend web)\n\n```\n{report.Timeline}```\n\n## show stat web (servers at the end)\n\n```\n{servers}```\n\n## haproxy\n\n```\n{stack.HAProxy.Output}```\n\n## autoscaler\n\n```\n{stack.Host.Output}```\n");
        output.WriteLine(text);
        output.WriteLine("written to " + file);

        // The goal is 0 failed; what fails here is timing on a loaded machine (see docs/host.md), so it is reported, not asserted.
        Assert.Equal(0, report.Errors); // haproxy itself always answered
        Assert.True(report.Cycles > 0, "the group never went out and back in");
        Assert.False(stack.Host.HasExited, stack.Host.Output);
    }

    /// <summary>Runs the load tool through the frontend and watches the backend's server count meanwhile.</summary>
    internal static async Task<CycleReport> RunAsync(DockerGroupStack stack, string steps, TimeSpan length)
    {
        var clock = Stopwatch.StartNew();
        var cap = length + TimeSpan.FromSeconds(10);
        using var load = HostProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "autoscaling-load"),
            new Dictionary<string, string>(),
            ["--url", stack.Frontend.ToString(), "--profile", "step", "--steps", steps, "--duration", string.Create(CultureInfo.InvariantCulture, $"{cap.TotalSeconds:F0}s"), "--max-requests", "100000", "--timeout", "5s", "--json"]);
        int cycles = 0, most = 0, last = -1;
        var above = false;
        var timeline = new StringBuilder();
        while (!load.HasExited && clock.Elapsed < cap + TimeSpan.FromMinutes(1))
        {
            var servers = (await stack.ServersAsync()).Count;
            most = Math.Max(most, servers);
            if (servers != last)
            {
                timeline.AppendLine(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,7:F2} s: {servers} server(s)");
                last = servers;
            }

            if (servers > 1)
            {
                above = true;
            }
            else if (above && servers == 1)
            {
                above = false;
                cycles++;
            }

            await Task.Delay(250);
        }

        Assert.Equal(0, await load.WaitAsync(TimeSpan.FromMinutes(1)));
        var lines = load.Output.Split('\n');
        var json = lines.Last(l => l.StartsWith('{'));
        timeline.AppendJoin('\n', lines.Where(l => l.StartsWith("t=", StringComparison.Ordinal))).AppendLine();
        using var summary = JsonDocument.Parse(json);
        var r = summary.RootElement;
        long Count(string name) => r.GetProperty(name).GetInt64();
        return new CycleReport(cycles, most, Count("sent"), Count("ok"), Count("otherStatus"), Count("errors"), Count("timeouts"), r.GetProperty("latencyMs").ToString(), clock.Elapsed, timeline.ToString());
    }

    /// <summary>One row of <c>show stat</c> CSV by the header's column names.</summary>
    private static Dictionary<string, string> Columns(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.First(l => l.StartsWith("# ", StringComparison.Ordinal))[2..].Split(',');
        var row = lines.First(l => !l.StartsWith('#')).Split(',');
        return header.Zip(row).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    internal sealed record CycleReport(int Cycles, int MostServers, long Sent, long Ok, long OtherStatus, long Errors, long Timeouts, string Latency, TimeSpan Elapsed, string Timeline)
    {
        public long Failed => OtherStatus + Errors + Timeouts;
    }
}
