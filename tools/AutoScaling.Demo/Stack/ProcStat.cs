using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Demo.Stack;

/// <summary>
/// A process as Linux identifies it across time: its pid and its start time (<c>/proc/PID/stat</c> field 22, clock ticks
/// after boot). A pid is reused quickly (<c>pid_max</c> may be 32768); the pair is not, so the demo signals a recorded
/// process only while both still match.
/// </summary>
internal static class ProcStat
{
    /// <summary>The start time of <paramref name="pid"/>, or null when there is no such process or it is a zombie (it has ended).</summary>
    public static long? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses, so the fields are counted after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int State = 0, StartTimeField = 22 - 3;
        return fields.Length > StartTimeField && fields[State] is not ("Z" or "X")
            && long.TryParse(fields[StartTimeField], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : null;
    }

    /// <summary>Whether <paramref name="pid"/> is alive and is the process that started at <paramref name="startTime"/>.</summary>
    public static bool IsAlive(int pid, long startTime) => StartTime(pid) == startTime;

    /// <summary>Sends <paramref name="signal"/> (<c>TERM</c>, <c>KILL</c>) to <paramref name="pid"/>; whether <c>kill</c> succeeded.</summary>
    public static bool Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        return kill.WaitForExit(5000) && kill.ExitCode == 0;
    }

    /// <summary>
    /// Stops the process <paramref name="pid"/> started at <paramref name="startTime"/>: SIGTERM, SIGKILL if it is still there
    /// after <paramref name="grace"/>. Each signal goes only while the pid still has that start time.
    /// </summary>
    /// <returns>Whether it was running (and was signalled).</returns>
    public static async Task<bool> StopAsync(int pid, long startTime, TimeSpan grace)
    {
        if (!IsAlive(pid, startTime) || !Signal(pid, "TERM"))
        {
            return false;
        }

        var until = Stopwatch.GetTimestamp() + (long)(grace.TotalSeconds * Stopwatch.Frequency);
        while (IsAlive(pid, startTime))
        {
            if (Stopwatch.GetTimestamp() > until)
            {
                Signal(pid, "KILL");
                for (var i = 0; i < 100 && IsAlive(pid, startTime); i++)
                {
                    await Task.Delay(100);
                }

                break;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
