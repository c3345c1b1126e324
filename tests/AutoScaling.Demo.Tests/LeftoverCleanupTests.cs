using AutoScaling.Demo.Stack;
using AutoScaling.Testing;

namespace AutoScaling.Demo.Tests;

/// <summary>
/// The cleanup after a killed run, on real processes (<c>setsid sleep 120</c>, as the demo launches its stack) and a real
/// container: what a stale record names is stopped only while its pid has the recorded start time, and a live demo's
/// record is never touched. Each test has its own folder of run directories; no demo runs.
/// </summary>
public sealed class LeftoverCleanupTests : IDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(1);

    private readonly string _runs = Directory.CreateTempSubdirectory("demo-leftovers-").FullName;
    private readonly List<string> _report = [];

    private string OwnRun => Path.Combine(_runs, "20261202T030000Z");

    private string OldRun => Path.Combine(_runs, "20261202T020000Z");

    [Fact]
    public async Task A_killed_runs_live_process_is_stopped_its_record_deleted_and_the_report_names_it()
    {
        var (deadPid, deadStart) = await DeadProcessAsync();
        using var haproxy = Sleeper();
        Record(deadPid, deadStart, new RecordedProcess("haproxy", haproxy.Pid, StartTime(haproxy)));
        var storage = Directory.CreateDirectory(Path.Combine(OldRun, "prometheus-data", "wal")).Parent!.FullName;

        await CleanAsync();

        Assert.True(await Tools.WaitUntilAsync(() => Task.FromResult(haproxy.HasExited), s_limit), "the leftover process is still running");
        Assert.False(StackRecord.Exists(OldRun));
        Assert.False(Directory.Exists(storage), "the killed run's Prometheus storage is left");
        Assert.Equal([$"cleaned up after the killed run in {OldRun}: stopped haproxy (pid {haproxy.Pid})"], _report);
    }

    [Fact]
    public async Task A_pid_with_another_start_time_is_not_signalled()
    {
        var (deadPid, deadStart) = await DeadProcessAsync();
        using var unrelated = Sleeper(); // stands for a process that got the recorded pid after the killed run's process ended
        Record(deadPid, deadStart, new RecordedProcess("prometheus", unrelated.Pid, StartTime(unrelated) - 1));

        await CleanAsync();

        await Task.Delay(500); // a SIGTERM, had one been sent, ends sleep at once
        Assert.False(unrelated.HasExited, "a process with another start time was signalled");
        Assert.False(StackRecord.Exists(OldRun));
        Assert.Equal([$"cleaned up after the killed run in {OldRun}: nothing of it was still running"], _report);
        unrelated.Kill();
    }

    [Fact]
    public async Task A_live_demos_record_and_processes_are_left_alone()
    {
        using var process = Sleeper();
        var demo = StackRecord.ForThisDemo("demo-live", []); // this test process, with its own start time, is the live demo
        Record(demo.DemoPid, demo.DemoStartTime, new RecordedProcess("haproxy", process.Pid, StartTime(process)));

        await CleanAsync();

        Assert.False(process.HasExited, "a live demo's process was stopped");
        Assert.True(StackRecord.Exists(OldRun));
        Assert.Empty(_report);
        process.Kill();
    }

    [Fact]
    public async Task An_unreadable_record_is_left_alone_and_reported()
    {
        Directory.CreateDirectory(OldRun);
        await File.WriteAllTextAsync(Path.Combine(OldRun, StackRecord.FileName), "{ \"demoPid\": ");

        await CleanAsync();

        Assert.True(StackRecord.Exists(OldRun));
        Assert.Equal([$"left alone {Path.Combine(OldRun, StackRecord.FileName)}: not a readable stack record"], _report);
    }

    [SkippableFact]
    public async Task A_killed_runs_containers_are_removed_by_their_owner_label()
    {
        var socket = Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : "/var/run/docker.sock";
        Component.Require(File.Exists(socket), $"dockerd is not running on {socket} (run ./build.sh setup: scripts/setup/docker.sh)");
        var problem = await DockerCli.ProblemAsync(StackSettings.Image);
        Component.Require(problem is null, problem ?? string.Empty);

        var owner = "demo-test-" + Guid.NewGuid().ToString("N")[..10];
        var id = (await DockerAsync("run", "-d", "--network", "host", "--label", "io.autoscaling.owner=" + owner, StackSettings.Image, "sleep", "120")).Trim();
        try
        {
            var (deadPid, deadStart) = await DeadProcessAsync();
            Record(owner, deadPid, deadStart, new RecordedProcess(DemoStack.Autoscaler, deadPid, deadStart)); // the autoscaler died with the demo

            await CleanAsync();

            Assert.Empty(await DockerCli.OwnedAsync(owner));
            Assert.False(StackRecord.Exists(OldRun));
            Assert.Equal([$"cleaned up after the killed run in {OldRun}: removed container {id[..12]}"], _report);
        }
        finally
        {
            await DockerCli.RemoveAsync(id);
        }
    }

    public void Dispose() => Directory.Delete(_runs, recursive: true);

    private Task CleanAsync() => LeftoverCleanup.RunAsync(OwnRun, _report.Add, TimeSpan.FromSeconds(10));

    private void Record(int demoPid, long demoStartTime, params RecordedProcess[] processes)
        => Record("demo-test-none", demoPid, demoStartTime, processes);

    private void Record(string owner, int demoPid, long demoStartTime, params RecordedProcess[] processes)
    {
        Directory.CreateDirectory(OldRun);
        new StackRecord(demoPid, demoStartTime, owner, processes).Write(OldRun);
    }

    private static ChildProcess Sleeper() => ChildProcess.Start("setsid", "sleep", "120");

    private static long StartTime(ChildProcess process)
        => ProcStat.StartTime(process.Pid) ?? throw new InvalidOperationException($"process {process.Pid} ended: {process.Output}");

    /// <summary>A pid and start time no process has any more: a process started, read, killed and waited for.</summary>
    private static async Task<(int Pid, long StartTime)> DeadProcessAsync()
    {
        using var process = Sleeper();
        var start = StartTime(process);
        process.Kill();
        Assert.True(await Tools.WaitUntilAsync(() => Task.FromResult(!ProcStat.IsAlive(process.Pid, start)), s_limit));
        return (process.Pid, start);
    }

    private static async Task<string> DockerAsync(params string[] args)
    {
        using var docker = ChildProcess.Start(File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker", args);
        var exit = await docker.WaitAsync(s_limit);
        Assert.True(exit == 0, $"docker {string.Join(' ', args)}: exit {exit}: {docker.Output}");
        return docker.Output;
    }
}
