using System.Globalization;
using System.Text;
using AutoScaling.Demo.Stack;
using AutoScaling.Load;

namespace AutoScaling.Demo.Live;

/// <summary>
/// Writes the live view: on a terminal, a frame redrawn in place (cursor home, each line cleared to its end); otherwise
/// one plain progress line a second and the log lines as they come, so a log file or a CI output stays readable.
/// </summary>
internal sealed class LiveView(TextWriter output, bool terminal)
{
    private const int LogLines = 10;
    private int _printed;
    private TimeSpan? _lastPlain;

    /// <summary>Gets a value indicating whether the view redraws in place.</summary>
    public bool Terminal => terminal;

    /// <summary>Prepares the screen (a terminal: cleared, cursor hidden).</summary>
    public void Begin()
    {
        if (terminal)
        {
            output.Write("\e[2J\e[?25l");
        }
    }

    /// <summary>Shows the state: a frame on a terminal, new log lines and a progress line a second otherwise.</summary>
    public void Show(LiveState state)
    {
        if (terminal)
        {
            var frame = new StringBuilder("\e[H");
            foreach (var line in Frame(state))
            {
                frame.Append(line).Append("\e[K\n");
            }

            output.Write(frame.Append("\e[J").ToString());
            output.Flush();
            return;
        }

        for (; _printed < state.Log.Count; _printed++)
        {
            output.WriteLine($"{Clock(state.Log[_printed].At)} {state.Log[_printed].Text}");
        }

        if (_lastPlain is not { } last || state.Elapsed - last >= TimeSpan.FromSeconds(1))
        {
            _lastPlain = state.Elapsed;
            output.WriteLine($"{Clock(state.Elapsed)} {Load(state)} | {Instances(state.Status)}");
        }
    }

    /// <summary>Restores the terminal (cursor shown) after the last frame.</summary>
    public void End()
    {
        if (terminal)
        {
            output.Write("\e[?25h");
            output.Flush();
        }
    }

    /// <summary>The frame's lines.</summary>
    public static IReadOnlyList<string> Frame(LiveState state)
    {
        var lines = new List<string>
        {
            $"AutoScaling demo  {Clock(state.Elapsed)} / {Clock(state.Duration)}  phase: {DemoProfile.PhaseAt(state.Elapsed, state.Duration)}   (Ctrl-C stops and cleans up)",
            string.Empty,
            $"load       {Load(state)}",
            $"latency    {Latency(state.Load)} (so far)",
            $"metric     {Metric(state.Status)}",
            $"instances  {Instances(state.Status)}",
            $"           {Bar(state.Status)}",
            string.Empty,
            "decisions and scaling events (newest last)",
        };
        var log = state.Log;
        for (var i = Math.Max(0, log.Count - LogLines); i < log.Count; i++)
        {
            lines.Add($"  {Clock(log[i].At)}  {log[i].Text}");
        }

        return lines;
    }

    /// <summary>The summary printed at the end.</summary>
    public static IReadOnlyList<string> Summary(LiveState state, LoadReport? load, DemoStack stack, IReadOnlyList<string> problems)
    {
        var failed = load is null ? 0 : load.OtherStatus + load.Errors + load.Timeouts;
        var up = state.Events.Count(e => e.To > e.From);
        var down = state.Events.Count(e => e.To < e.From);
        var notFull = state.Events.Count(e => e.Outcome != "Succeeded");
        var lines = new List<string>
        {
            "Summary",
            Line("load", load is null ? "not started" : $"{load.Sending.TotalSeconds:F1} s, plateau {state.Plateau:F0} req/s, spike {2 * state.Plateau:F0} req/s"),
            Line("requests", load is null ? "none" : $"sent {load.Sent}, 2xx {load.Ok}, failed {failed} (other status {load.OtherStatus}, errors {load.Errors}, timeouts {load.Timeouts})"),
            Line("latency", Latency(load)),
            Line("max instances", $"{state.MaxInstances} (desired at most {state.MaxDesired}; bounds {StackSettings.MinInstances}-{StackSettings.MaxInstances})"),
            Line("decisions", $"{state.ChangingDecisions} changed the desired count"),
            Line("scaling events", $"{state.Events.Count}: {up} up, {down} down, {notFull} not fully succeeded"),
            Line("stopped", $"{stack.Processes.Count} processes ({string.Join(", ", stack.Processes.Select(p => $"{p.Name} {p.Pid}"))}), {stack.ContainersRemoved} containers (owner {stack.Settings.OwnerId})"),
            Line("logs", stack.Settings.RunDirectory),
        };
        lines.AddRange(problems.Select(p => "  problem: " + p));
        return lines;

        static string Line(string name, string value) => $"  {name,-15} {value}";
    }

    private static string Load(LiveState state)
    {
        var rate = DemoProfile.RateAt(state.Elapsed, state.Duration, state.Plateau);
        if (state.Load is not { } l)
        {
            return Invariant($"target {rate,5:F1} req/s");
        }

        return Invariant($"target {rate,5:F1} req/s  sent {state.SentPerSecond,5:F1}/s  total {l.Sent}  2xx {l.Ok}  failed {l.OtherStatus + l.Errors + l.Timeouts}  in flight {l.InFlight}");
    }

    private static string Latency(LoadReport? load)
        => load is null || !double.IsFinite(load.P50Ms)
            ? "no answer yet"
            : Invariant($"p50 {load.P50Ms:F1} ms  p95 {load.P95Ms:F1} ms  p99 {load.P99Ms:F1} ms  max {load.MaxMs:F1} ms");

    private static string Metric(GroupStatus? status)
        => status is not null && status.Metrics.TryGetValue("rps", out var rps)
            ? (rps.Value is { } v ? Invariant($"rps {v:F1} req/s (Prometheus, rate over 5 s; target {StackSettings.TargetPerInstance:F0} per instance)") : $"rps {rps.Status}")
            : "waiting for the autoscaler";

    private static string Instances(GroupStatus? status)
    {
        if (status is null)
        {
            return "waiting for the autoscaler";
        }

        var s = status.InstancesByState;
        var desired = status.DesiredInstances is { } d ? d.ToString(CultureInfo.InvariantCulture) : "-";
        return $"active {s.Active}  starting {s.Starting}  draining {s.Draining}  failed {s.Failed}  desired {desired}";
    }

    private static string Bar(GroupStatus? status)
    {
        if (status is null)
        {
            return string.Empty;
        }

        // One cell per instance up to the maximum: # active, + starting, - draining, x failed, . free.
        var s = status.InstancesByState;
        var bar = new string('#', s.Active) + new string('+', s.Starting) + new string('-', s.Draining) + new string('x', s.Failed);
        return "[" + bar.PadRight(StackSettings.MaxInstances, '.') + "]";
    }

    private static string Clock(TimeSpan t) => t < TimeSpan.Zero ? "--:--" : Invariant($"{(int)t.TotalMinutes:D2}:{t.Seconds:D2}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
