using System.Globalization;

namespace AutoScaling.Nginx;

/// <summary>A worker of an NGINX master, read from <c>/proc</c>: its pid and whether it is an old one finishing its requests.</summary>
internal readonly record struct NginxWorker(int Pid, bool ShuttingDown);

/// <summary>
/// The worker processes of a master, from <c>/proc</c> (no root needed; a single-threaded master lists its children in one file): the children whose title is
/// <c>nginx: worker process</c>, and <c>… is shutting down</c> for old workers after a reload.
/// </summary>
internal static class NginxWorkers
{
    public static List<NginxWorker> Of(int master)
    {
        var workers = new List<NginxWorker>();
        foreach (var pid in ChildrenOf(master))
        {
            var title = Read($"/proc/{pid}/cmdline");
            if (title is not null && title.Contains("worker process", StringComparison.Ordinal))
            {
                workers.Add(new NginxWorker(pid, title.Contains("shutting down", StringComparison.Ordinal)));
            }
        }

        return workers;
    }

    /// <summary>Whether the process has exited (gone, or a zombie its master has not reaped yet).</summary>
    public static bool HasExited(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        return stat is null || State(stat) == 'Z';
    }

    /// <summary>The master's children: <c>/proc/PID/task/PID/children</c> where the kernel has it, else every process whose parent it is.</summary>
    private static IEnumerable<int> ChildrenOf(int master)
    {
        if (Read($"/proc/{master}/task/{master}/children") is { } children)
        {
            foreach (var pid in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return int.Parse(pid, NumberStyles.None, CultureInfo.InvariantCulture);
            }

            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir.AsSpan()), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == master)
            {
                yield return pid;
            }
        }
    }

    private static int ParentOf(int pid)
    {
        // "pid (comm) S ppid …": comm may hold spaces and parentheses, so parse after the last ')'.
        var stat = Read($"/proc/{pid}/stat");
        if (stat is null)
        {
            return -1;
        }

        var fields = stat.AsSpan(stat.LastIndexOf(')') + 2);
        var afterState = fields[2..];
        var end = afterState.IndexOf(' ');
        return int.TryParse(end < 0 ? afterState : afterState[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid) ? ppid : -1;
    }

    private static char State(string stat) => stat[stat.LastIndexOf(')') + 2];

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the process exited while the directory was read
        }
    }
}
