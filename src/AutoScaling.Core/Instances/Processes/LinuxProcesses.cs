using System.Globalization;
using System.Runtime.InteropServices;

namespace AutoScaling.Processes;

/// <summary>What <c>/proc</c> says about a pid, and signals sent by pid through libc's <c>kill</c> (AOT-safe, no reflection).</summary>
internal static partial class LinuxProcesses
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Reads a live process's identity: its start time (field 22 of <c>/proc/pid/stat</c>, clock ticks since boot) and command line.</summary>
    /// <returns><see langword="null"/> when there is no such process or it has exited (a zombie waiting to be reaped counts as exited).</returns>
    public static ProcessIdentity? Read(int pid)
    {
        string stat;
        byte[] cmdline;
        try
        {
            stat = File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
            cmdline = File.ReadAllBytes(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) S ppid …": comm may hold spaces and parentheses, so the fields start after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
        if (fields.Length < 20 || fields[0] is "Z" or "X" || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return new ProcessIdentity(start, CommandLine(cmdline));
    }

    /// <summary>Sends a signal; false when the process does not exist (or is not ours to signal).</summary>
    public static bool Signal(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    /// <summary>Joins <c>/proc/pid/cmdline</c>'s NUL-separated arguments with NUL, without the trailing one.</summary>
    private static string CommandLine(byte[] raw)
    {
        var length = raw.Length;
        while (length > 0 && raw[length - 1] == 0)
        {
            length--;
        }

        return System.Text.Encoding.UTF8.GetString(raw, 0, length);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

/// <summary>What tells one process from another that later got the same pid.</summary>
/// <param name="StartTime">Field 22 of <c>/proc/pid/stat</c>.</param>
/// <param name="CommandLine">The arguments of <c>/proc/pid/cmdline</c>, NUL-separated.</param>
internal readonly record struct ProcessIdentity(ulong StartTime, string CommandLine);
