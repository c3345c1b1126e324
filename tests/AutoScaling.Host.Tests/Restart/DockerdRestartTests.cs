using System.Net;
using AutoScaling.Host.Hosting;
using AutoScaling.Testing;

namespace AutoScaling.Host.Tests.Restart;

/// <summary>
/// dockerd restarted under the autoscaler (issue 14): a group of 3 containers on a private dockerd behind a real
/// haproxy; the daemon is stopped for ~10 s and started again. The Docker provider sets no restart policy, so the
/// containers die with the daemon and come back as exited: the host must report the outage without crashing, then
/// adopt what exists, replace the dead, and end with containers == servers == 3 on distinct ports.
/// </summary>
[Collection(EndToEnd.EndToEndGroup.Name)]
public sealed class DockerdRestartTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Target = 3;

    private static readonly TimeSpan s_converge = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task Dockerd_restarted_under_the_autoscaler_the_dead_are_replaced_without_duplicates()
    {
        DockerGroupStack.RequireComponents();
        Component.Require(PrivateDockerd.IsAvailable, PrivateDockerd.HowToInstall);
        await using var daemon = await PrivateDockerd.StartAsync();
        await using var stack = await DockerGroupStack.StartAsync(daemon.Endpoint, (17200, 17249), """
            "MinInstances": 1, "MaxInstances": 6, "Interval": "00:00:01",
            "Metrics": { "rps": { "Type": "InMemory", "Value": 250 } },
            "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100 } ]
            """);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        // 250 at 100 per instance: 3 containers, each the server on its port.
        Assert.True(await stack.WaitConvergedAsync(Target, s_converge), $"no steady 3 before the restart: {await stack.DescribeAsync()}\n{stack.Host.Output}");
        var before = (await stack.ContainersAsync()).Select(c => c.Id).ToList();
        Assert.True(await Tools.AnswersAsync(http, stack.Frontend));

        await daemon.StopAsync();
        output.WriteLine($"private dockerd stopped in {daemon.LastStopTime.TotalMilliseconds:F0} ms");
        var down = Environment.TickCount64;

        // While it is down: the host runs on and says so (its group's health turns unhealthy after failed ticks).
        Assert.True(
            await Tools.WaitUntilAsync(async () => await HealthAsync(http, stack.Health) == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30)),
            "the group's health did not turn unhealthy with dockerd down:\n" + stack.Host.Output);
        var outage = TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(Environment.TickCount64 - down);
        if (outage > TimeSpan.Zero)
        {
            await Task.Delay(outage);
        }

        Assert.False(stack.Host.HasExited, "the autoscaler exited with dockerd down:\n" + stack.Host.Output);
        Assert.True(stack.Host.Output.Contains("unavailable", StringComparison.OrdinalIgnoreCase), "the autoscaler did not say dockerd is unavailable:\n" + stack.Host.Output);

        await daemon.StartAgainAsync();
        output.WriteLine($"private dockerd down {TimeSpan.FromMilliseconds(Environment.TickCount64 - down).TotalSeconds:F1} s, started again in {daemon.LastStartTime.TotalMilliseconds:F0} ms");

        // Back: the dead (exited with the daemon) are replaced and removed; 3 running containers, 3 servers, same ports.
        // On the way, never two running containers or two servers on one port.
        var clashes = new List<string>();
        Assert.True(
            await Tools.WaitUntilAsync(
                async () =>
                {
                    var running = (await stack.ContainersAsync()).Where(c => c.State == "running").GroupBy(c => c.Port).Where(g => g.Count() > 1);
                    var servers = (await stack.ServersAsync()).GroupBy(s => s.Port).Where(g => g.Count() > 1);
                    clashes.AddRange(running.Select(g => $"containers {string.Join('/', g.Select(c => c.Id[..12]))} on {g.Key}"));
                    clashes.AddRange(servers.Select(g => $"servers {string.Join('/', g.Select(s => s.Name))} on {g.Key}"));
                    return await stack.ConvergedAsync(Target) && (await stack.ContainersAsync()).All(c => !before.Contains(c.Id));
                },
                s_converge),
            $"not back at 3 after the restart: {await stack.DescribeAsync()}\n{stack.Host.Output}");
        Assert.Empty(clashes);
        Assert.True(await Tools.WaitUntilAsync(async () => await HealthAsync(http, stack.Health) == HttpStatusCode.OK, TimeSpan.FromSeconds(30)), "the group's health did not recover:\n" + stack.Host.Output);

        // Settled, not passing through: still 3 a few ticks later, and every server answers (none points at a dead container).
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(await stack.ConvergedAsync(Target), await stack.DescribeAsync());
        foreach (var (name, port) in await stack.ServersAsync())
        {
            Assert.True(await Tools.AnswersAsync(http, new Uri($"http://127.0.0.1:{port}/")), $"server {name} points at port {port}, which does not answer");
        }

        for (var i = 0; i < 2 * Target; i++)
        {
            Assert.True(await Tools.AnswersAsync(http, stack.Frontend), "the frontend did not answer after the restart");
        }

        Assert.False(stack.Host.HasExited, stack.Host.Output);
        var lines = stack.Host.Output.Split('\n');
        output.WriteLine($"host output: {lines.Length} lines, {lines.Count(l => l.Contains("unavailable", StringComparison.OrdinalIgnoreCase))} saying 'unavailable'; the first:");
        var first = Array.FindIndex(lines, l => l.Contains("unavailable", StringComparison.OrdinalIgnoreCase));
        output.WriteLine(string.Join('\n', lines[Math.Max(0, first - 1)..Math.Min(lines.Length, first + 2)]));

        Assert.Equal(Autoscaler.ExitOk, await stack.Host.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<HttpStatusCode?> HealthAsync(HttpClient http, Uri health)
    {
        try
        {
            using var response = await http.GetAsync(health);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null; // no answer (yet)
        }
    }
}
