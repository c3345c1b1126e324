using AutoScaling.Testing;

namespace AutoScaling.Host.Tests.Restart;

/// <summary>The private dockerd fixture itself: beside the shared daemon, stopped and started again, gone after disposal.</summary>
public sealed class PrivateDockerdTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [SkippableFact]
    public async Task A_private_daemon_runs_beside_the_shared_one_restarts_on_its_folders_and_leaves_nothing()
    {
        DockerGroupStack.RequireComponents();
        Component.Require(PrivateDockerd.IsAvailable, PrivateDockerd.HowToInstall);
        var sharedId = Shared("info", "--format", "{{.ID}}");
        string folder;
        int pid;
        await using (var daemon = await PrivateDockerd.StartAsync())
        {
            folder = daemon.Directory;
            pid = daemon.Pid!.Value;
            output.WriteLine($"started in {daemon.LastStartTime.TotalMilliseconds:F0} ms, socket {daemon.SocketPath}");
            Assert.True(daemon.SocketPath.Length < 108, daemon.SocketPath);

            // Two daemons: different ids; a container of the private one is not seen by the shared one.
            Assert.NotEqual(sharedId, daemon.DockerChecked("info", "--format", "{{.ID}}"));
            var id = daemon.DockerChecked("run", "-d", "--init", "--network", "host", "--label", "io.autoscaling.test=private", PrivateDockerd.TestImage, "httpd", "-f", "-p", "127.0.0.1:17299", "-h", "/www").Trim();
            Assert.Equal([id], daemon.Containers("status=running"));
            Assert.DoesNotContain(id, Shared("ps", "-aq", "--no-trunc"), StringComparison.Ordinal);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            Assert.True(await Tools.WaitUntilAsync(() => Tools.AnswersAsync(http, new Uri("http://127.0.0.1:17299/")), TimeSpan.FromSeconds(30)));

            // Stopped: the container dies with it (no restart policy); started again on the same folders: it is still known, exited.
            await daemon.StopAsync();
            output.WriteLine($"stopped in {daemon.LastStopTime.TotalMilliseconds:F0} ms");
            Assert.Null(daemon.Pid);
            Assert.False(Directory.Exists($"/proc/{pid}"));
            Assert.False(Tools.IsListening(17299));
            await daemon.StartAgainAsync();
            output.WriteLine($"started again in {daemon.LastStartTime.TotalMilliseconds:F0} ms");
            Assert.Equal([id], daemon.Containers());
            Assert.Empty(daemon.Containers("status=running"));
            pid = daemon.Pid!.Value;
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"dockerd {pid} still runs after disposal");
        Assert.False(Directory.Exists(folder), $"{folder} is still there after disposal");
        Assert.DoesNotContain(folder, await File.ReadAllTextAsync("/proc/self/mounts"), StringComparison.Ordinal);
        Assert.Equal(sharedId, Shared("info", "--format", "{{.ID}}")); // the shared daemon still answers, the same one
    }

    private static string Shared(params string[] args)
    {
        using var docker = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", args) { RedirectStandardOutput = true })!;
        var text = docker.StandardOutput.ReadToEnd();
        docker.WaitForExit();
        Assert.True(docker.ExitCode == 0, $"docker {string.Join(' ', args)} failed ({docker.ExitCode})");
        return text.Trim();
    }
}
