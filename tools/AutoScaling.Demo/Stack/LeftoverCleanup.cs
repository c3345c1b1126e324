namespace AutoScaling.Demo.Stack;

/// <summary>
/// Before a demo starts its stack: stops what earlier runs that were killed left running. It reads the records
/// (<see cref="StackRecord"/>) in the sibling directories of this run's directory; a record whose demo is gone (its pid not
/// alive, or alive with another start time) is a killed run: each recorded process still alive with its recorded start time
/// is stopped (SIGTERM, SIGKILL after the grace), the containers with its owner label are removed by id, and its Prometheus
/// storage and the record are deleted. A record whose demo is alive is left alone: another demo is running.
/// </summary>
internal static class LeftoverCleanup
{
    /// <summary>How long a leftover process gets between SIGTERM and SIGKILL.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>Cleans up after the killed runs beside <paramref name="runDirectory"/>, reporting each thing it stopped or could not.</summary>
    public static async Task RunAsync(string runDirectory, Action<string> report, TimeSpan grace)
    {
        var own = Path.GetFullPath(runDirectory).TrimEnd('/');
        if (Path.GetDirectoryName(own) is not { } parent || !Directory.Exists(parent))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(parent))
        {
            if (dir == own || !StackRecord.Exists(dir))
            {
                continue;
            }

            if (StackRecord.Read(dir) is not { } record)
            {
                report($"left alone {Path.Combine(dir, StackRecord.FileName)}: not a readable stack record");
                continue;
            }

            if (!ProcStat.IsAlive(record.DemoPid, record.DemoStartTime))
            {
                await CleanAsync(dir, record, line => report($"cleaned up after the killed run in {dir}: {line}"), grace);
            }
        }
    }

    private static async Task CleanAsync(string dir, StackRecord record, Action<string> report, TimeSpan grace)
    {
        var done = 0;
        for (var i = record.Processes.Count - 1; i >= 0; i--) // the autoscaler, launched last, first: it starts nothing more
        {
            var p = record.Processes[i];
            if (await ProcStat.StopAsync(p.Pid, p.StartTime, grace))
            {
                report($"stopped {p.Name} (pid {p.Pid})");
                done++;
            }
        }

        // Only the autoscaler starts containers, and it is recorded before it can start one.
        if (record.Processes.Any(p => p.Name == DemoStack.Autoscaler))
        {
            try
            {
                foreach (var id in await DockerCli.OwnedAsync(record.OwnerId))
                {
                    if (!await DockerCli.RemoveAsync(id))
                    {
                        report($"container {id[..12]} could not be removed; the record is kept for the next run");
                        return;
                    }

                    report($"removed container {id[..12]}");
                    done++;
                }
            }
            catch (InvalidOperationException e)
            {
                report($"the containers of {record.OwnerId} could not be listed ({e.Message}); the record is kept for the next run");
                return;
            }
        }

        if (DemoStack.DeleteStorage(dir) is { } problem)
        {
            report(problem);
        }

        StackRecord.Delete(dir);
        if (done == 0)
        {
            report("nothing of it was still running");
        }
    }
}
