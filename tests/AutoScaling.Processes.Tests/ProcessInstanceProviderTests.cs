using System.Diagnostics;
using System.Globalization;
using AutoScaling.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace AutoScaling.Processes.Tests;

/// <summary>What the contract does not cover: crashes, foreign processes on the range and reused pids, the SIGKILL fallback.</summary>
public sealed class ProcessInstanceProviderTests : IDisposable
{
    private readonly ProcessFixture _fixture = new();
    private readonly List<Process> _foreign = [];

    [SkippableFact]
    public async Task Killed_process_is_listed_failed_until_decommissioned()
    {
        ProcessFixture.RequireBusybox();
        using var provider = ProcessFixture.Provider(_fixture.Options(19930, 19939));
        var instance = await provider.ProvisionAsync(CancellationToken.None);
        await WaitStateAsync(provider, instance.Id, InstanceState.Active);
        var pid = int.Parse(instance.Metadata["pid"], CultureInfo.InvariantCulture);

        Assert.True(LinuxProcesses.Signal(pid, LinuxProcesses.SigKill));

        var failed = await WaitStateAsync(provider, instance.Id, InstanceState.Failed);
        Assert.Contains("exited", failed.FailureReason, StringComparison.Ordinal);
        await provider.DecommissionAsync(failed, CancellationToken.None);
        Assert.Empty(await provider.ListAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_just_started_process_is_never_listed_failed()
    {
        // Right after Process.Start the child's /proc/pid/cmdline may still be empty; an identity taken then never matched
        // again, and the instance was listed failed at once (seen in CI, 1 start in some hundreds).
        ProcessFixture.RequireBusybox();
        using var provider = ProcessFixture.Provider(_fixture.Options(19943, 19949));
        for (var round = 0; round < 100; round++)
        {
            var instance = await provider.ProvisionAsync(CancellationToken.None);
            var listed = Assert.Single(await provider.ListAsync(CancellationToken.None), i => i.Id == instance.Id);
            Assert.True(listed.State != InstanceState.Failed, $"round {round}: listed failed at once ({listed.FailureReason})");
            await provider.DecommissionAsync(listed, CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task Port_held_by_a_foreign_process_is_skipped_and_that_process_left_alone()
    {
        ProcessFixture.RequireBusybox();
        using var foreign = await BusyboxBackend.StartAsync("foreign", 19940);
        using var provider = ProcessFixture.Provider(_fixture.Options(19940, 19942));

        var instance = await provider.ProvisionAsync(CancellationToken.None);
        Assert.Equal("127.0.0.1:19941", instance.Address);
        await WaitStateAsync(provider, instance.Id, InstanceState.Active);
        await provider.DecommissionAsync(instance, CancellationToken.None);

        Assert.True(foreign.IsRunning);
        Assert.True(Tools.IsListening(19940));
        Assert.False(Tools.IsListening(19941));
    }

    [SkippableFact]
    public async Task Reused_pid_is_not_taken_for_ours_and_never_signalled()
    {
        ProcessFixture.RequireBusybox();
        var stranger = StartForeign("sleep", "60");
        // The state file says the pid is ours, but with another start time and command line: the pid was reused.
        var state = new ProcessStateFile(_fixture.StateFile);
        state.Write([new ProcessRecord("old-1", stranger.Id, 19950, 1, "busybox\0httpd", DateTimeOffset.UnixEpoch)]);
        using var provider = ProcessFixture.Provider(_fixture.Options(19950, 19952));

        var listed = Assert.Single(await provider.ListAsync(CancellationToken.None));
        Assert.Equal(InstanceState.Failed, listed.State);
        Assert.Contains("another process", listed.FailureReason, StringComparison.Ordinal);

        await provider.DecommissionAsync(listed, CancellationToken.None);
        Assert.Empty(await provider.ListAsync(CancellationToken.None));
        Assert.False(stranger.HasExited);
    }

    [SkippableFact]
    public async Task Process_that_ignores_SIGTERM_gets_SIGKILL_after_the_grace_period()
    {
        ProcessFixture.RequireBusybox();
        var options = _fixture.Options(19960, 19962);
        // A shell that ignores SIGTERM (no exec: a program that replaces itself changes its command line and is no longer
        // recognised as ours). It serves nothing, so it stays Starting; a starting instance is stopped the same way.
        options.Arguments = ["sh", "-c", "trap '' TERM; while :; do sleep 1; done"];
        options.StopGracePeriod = TimeSpan.FromMilliseconds(500);
        var logger = new FakeLogger();
        using var provider = ProcessFixture.Provider(options, logger);
        var instance = await provider.ProvisionAsync(CancellationToken.None);
        await WaitStateAsync(provider, instance.Id, InstanceState.Starting);
        var pid = int.Parse(instance.Metadata["pid"], CultureInfo.InvariantCulture);

        await provider.DecommissionAsync(instance, CancellationToken.None);

        Assert.Null(LinuxProcesses.Read(pid));
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Id.Id == 303);
    }

    [SkippableFact]
    public async Task Restarted_host_adopts_and_stops_gracefully()
    {
        ProcessFixture.RequireBusybox();
        var options = _fixture.Options(19970, 19972);
        ScalingInstance started;
        using (var first = ProcessFixture.Provider(options))
        {
            started = await first.ProvisionAsync(CancellationToken.None);
            await WaitStateAsync(first, started.Id, InstanceState.Active);
        }

        var logger = new FakeLogger();
        using var second = ProcessFixture.Provider(options, logger);
        var adopted = Assert.Single(await second.ListAsync(CancellationToken.None));
        Assert.Equal((started.Id, started.Address, InstanceState.Active), (adopted.Id, adopted.Address, adopted.State));

        await second.DecommissionAsync(adopted, CancellationToken.None);

        Assert.Null(LinuxProcesses.Read(int.Parse(adopted.Metadata["pid"], CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Id.Id == 303); // SIGTERM was enough
        Assert.Empty(await second.ListAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Program_that_cannot_start_is_refused_and_nothing_is_recorded()
    {
        ProcessFixture.RequireBusybox();
        var options = _fixture.Options(19980, 19981);
        options.Command = Path.Combine(_fixture.WebRoot, "no-such-program");
        using var provider = ProcessFixture.Provider(options);

        await Assert.ThrowsAsync<InstanceProviderException>(async () => await provider.ProvisionAsync(CancellationToken.None));
        Assert.Empty(await provider.ListAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Environment_and_working_directory_reach_the_process_with_its_port()
    {
        ProcessFixture.RequireBusybox();
        var options = _fixture.Options(19982, 19984);
        options.Arguments = ["sh", "-c", "echo \"$GREETING\" > greeting.txt; while :; do sleep 1; done"];
        options.Environment["GREETING"] = "serving on {port}";
        options.WorkingDirectory = _fixture.WebRoot;
        using var provider = ProcessFixture.Provider(options);
        var instance = await provider.ProvisionAsync(CancellationToken.None);
        var file = Path.Combine(_fixture.WebRoot, "greeting.txt");

        Assert.True(await Tools.WaitUntilAsync(() => Task.FromResult(File.Exists(file) && File.ReadAllText(file).Length > 0), TimeSpan.FromSeconds(10)));
        Assert.Equal("serving on 19982\n", await File.ReadAllTextAsync(file));
        await provider.DecommissionAsync(instance, CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (var process in _foreign)
        {
            if (!process.HasExited)
            {
                process.Kill(); // by pid: the test's own process
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        _fixture.Delete();
    }

    private static async Task<ScalingInstance> WaitStateAsync(ProcessInstanceProvider provider, string id, InstanceState state)
    {
        ScalingInstance? found = null;
        var reached = await Tools.WaitUntilAsync(
            async () =>
            {
                found = (await provider.ListAsync(CancellationToken.None)).FirstOrDefault(i => i.Id == id);
                return found?.State == state;
            },
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(50));
        Assert.True(reached, $"Instance {id} did not become {state}: {found?.State} ({found?.FailureReason})");
        return found!;
    }

    private Process StartForeign(params string[] arguments)
    {
        var process = Process.Start(new ProcessStartInfo(Tools.Busybox!, arguments) { UseShellExecute = false })!;
        _foreign.Add(process);
        return process;
    }
}
