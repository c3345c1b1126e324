using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>What one run of <c>autoscaling-load --json</c> reported.</summary>
internal sealed record LoadResult(long Sent, long Ok, long OtherStatus, long Errors, long Timeouts, double P99Ms)
{
    /// <summary>Gets the requests that did not answer 2xx.</summary>
    public long Failed => OtherStatus + Errors + Timeouts;

    public override string ToString() => $"sent {Sent}, 2xx {Ok}, other {OtherStatus}, errors {Errors}, timeouts {Timeouts}, p99 {P99Ms:F0} ms";
}

/// <summary>The load tool (<c>autoscaling-load</c>, built into this test's output) run as a process against a loopback target.</summary>
internal static class LoadTool
{
    /// <summary>Starts it with <c>--json</c>; every run is bounded by the caps given in <paramref name="args"/> (<c>--duration</c>, <c>--max-requests</c>).</summary>
    public static HostProcess Start(Uri target, params string[] args)
        => HostProcess.Start(Path.Combine(AppContext.BaseDirectory, "autoscaling-load"), new Dictionary<string, string>(), ["--url", target.ToString(), "--json", .. args]);

    /// <summary>Waits (bounded) for the run to end by itself and reads its summary.</summary>
    public static async Task<LoadResult> ResultAsync(HostProcess load, TimeSpan limit)
    {
        var exit = await load.WaitAsync(limit);
        Assert.True(exit == 0, $"autoscaling-load exited with {exit}: {load.Output}");
        return Parse(load.Output);
    }

    /// <summary>Stops a run early (SIGINT, its Ctrl-C: it stops sending, waits for the answers in flight, prints the summary) and describes the summary, for the timeline.</summary>
    public static async Task<string> StopAsync(HostProcess load, TimeSpan limit)
    {
        try
        {
            if (!load.HasExited)
            {
                using (var kill = Process.Start("kill", ["-INT", load.Pid.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                await load.WaitAsync(limit);
            }

            return Parse(load.Output).ToString();
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            return "no summary: " + e.Message;
        }
    }

    /// <summary>The summary: the one JSON line on stdout (progress lines go to stderr and start with <c>t=</c>).</summary>
    private static LoadResult Parse(string output)
    {
        var line = output.Split('\n', StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith("{\"durationSeconds\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("autoscaling-load printed no summary: " + output);
        using var json = JsonDocument.Parse(line);
        var r = json.RootElement;
        var p99 = r.GetProperty("latencyMs").GetProperty("p99");
        return new LoadResult(
            r.GetProperty("sent").GetInt64(),
            r.GetProperty("ok").GetInt64(),
            r.GetProperty("otherStatus").GetInt64(),
            r.GetProperty("errors").GetInt64(),
            r.GetProperty("timeouts").GetInt64(),
            p99.ValueKind == JsonValueKind.Number ? p99.GetDouble() : double.NaN);
    }
}
