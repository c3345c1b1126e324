using System.Diagnostics;
using System.Globalization;

namespace AutoScaling.Docker.Tests.Containers;

/// <summary>Runs alone, after every parallel test: it really stops dockerd (the one scripts/setup/docker.sh started) and starts it again.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DaemonRestartTests
{
    public const string Name = "dockerd restart";
}

/// <summary>dockerd stopped in the middle of a provisioning: errors surface, nothing is orphaned once it is back.</summary>
[Collection(DaemonRestartTests.Name)]
public sealed class DockerDaemonStopTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _group = DockerTestEnvironment.NewGroup("restart");
    private readonly List<DockerContainerProvider> _providers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await EnsureDaemonAsync();
        await DockerTestEnvironment.RemoveGroupAsync(_group);
        _providers.ForEach(p => p.Dispose());
    }

    [SkippableFact]
    public async Task Stopped_daemon_surfaces_and_its_dead_containers_are_listed_failed_once_it_is_back()
    {
        await DockerTestEnvironment.RequireAsync();
        var pid = OurDaemonPid();
        Skip.If(pid is null, "dockerd was not started by scripts/setup/docker.sh (no dockerd pid in the run folder): not stopping a daemon that is not ours");

        var running = Create(o => { });
        var active = await DockerTestEnvironment.ProvisionUntilAsync(running);
        var waiting = Create(o =>
        {
            o.Probe = ReadinessProbeKind.None;
            o.HealthCheck = new DockerHealthCheckOptions { Test = ["CMD", "/bin/busybox", "false"], Interval = TimeSpan.FromMilliseconds(200), Retries = 1000 };
        });
        var starting = await waiting.ProvisionAsync(CancellationToken.None); // never ready: still starting when the daemon stops

        await StopAsync(pid!.Value);

        var listError = await Assert.ThrowsAsync<InstanceProviderException>(async () => await running.ListAsync(CancellationToken.None));
        Assert.Contains("unavailable", listError.Message, StringComparison.Ordinal);
        var provisionError = await Assert.ThrowsAsync<InstanceProviderException>(async () => await running.ProvisionAsync(CancellationToken.None));
        output.WriteLine("provisioning failed with: " + provisionError.Message);

        await EnsureDaemonAsync();

        // Both containers died with the daemon (no restart policy): listed failed, for the controller to replace and remove.
        var listed = await waiting.ListAsync(CancellationToken.None);
        Assert.Equal(new[] { active.Id, starting.Id }.Order(), listed.Select(i => i.Id).Order());
        Assert.All(listed, i => Assert.Equal(InstanceState.Failed, i.State));
        Assert.All(listed, i => Assert.Contains("exited", i.FailureReason, StringComparison.Ordinal));
        foreach (var dead in listed)
        {
            await running.DecommissionAsync(dead, CancellationToken.None);
        }

        Assert.Empty(await DockerTestEnvironment.ContainersOfGroupAsync(_group));
        await DockerTestEnvironment.ProvisionUntilAsync(running);
    }

    private static string RunDir
    {
        get
        {
            if (Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } dir)
            {
                return dir;
            }

            return Path.Combine(RepoRoot, ".run");
        }
    }

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "build.sh")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("build.sh not found above " + AppContext.BaseDirectory);
        }
    }

    private static int? OurDaemonPid()
    {
        var file = Path.Combine(RunDir, "dockerd.pid");
        if (!File.Exists(file) || !int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var comm = $"/proc/{pid}/comm";
        return File.Exists(comm) && File.ReadAllText(comm).Trim() == "dockerd" ? pid : null;
    }

    private static async Task StopAsync(int pid)
    {
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        for (var i = 0; i < 600 && File.Exists($"/proc/{pid}/comm"); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(File.Exists($"/proc/{pid}/comm"), $"dockerd {pid} did not stop within 30 s");
    }

    /// <summary>Starts dockerd again through the setup script (which records the new pid for the clean-up), if it is down.</summary>
    private static async Task EnsureDaemonAsync()
    {
        if (await DockerTestEnvironment.Client.PingAsync(CancellationToken.None))
        {
            return;
        }

        var start = new ProcessStartInfo("bash", [Path.Combine(RepoRoot, "scripts", "setup", "docker.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AUTOSCALING_RUN_DIR"] = RunDir;
        using var setup = Process.Start(start)!;
        var stdout = setup.StandardOutput.ReadToEndAsync();
        var stderr = setup.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await setup.WaitForExitAsync(timeout.Token);
        Assert.True(setup.ExitCode == 0, $"restarting dockerd failed: {await stdout}{await stderr}");
    }

    private DockerContainerProvider Create(Action<DockerContainerOptions> change)
    {
        var provider = new DockerContainerProvider(_group, DockerTestEnvironment.HttpdOptions(18350, 18369, change));
        _providers.Add(provider);
        return provider;
    }
}
