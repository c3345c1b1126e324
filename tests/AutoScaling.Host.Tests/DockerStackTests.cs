using System.Net;
using AutoScaling.Host.Hosting;
using AutoScaling.Testing;

namespace AutoScaling.Host.Tests;

/// <summary>
/// The classic example on real components: the autoscaler process runs busybox containers on dockerd and registers them
/// in a real haproxy's backend; the example's Prometheus metric is replaced through the environment by an in-memory one.
/// </summary>
public sealed class DockerStackTests
{
    [SkippableFact]
    public async Task The_classic_example_runs_containers_behind_haproxy_from_configuration_alone()
    {
        Component.Require(File.Exists("/var/run/docker.sock"), "dockerd is not running (run ./build.sh setup: scripts/setup/docker.sh)");
        Component.Require(HAProxyServer.Binary is not null, HAProxyServer.HowToInstall);
        var owner = "host-test-" + Guid.NewGuid().ToString("N")[..12];
        var frontendPort = HostScenario.Ports.Next();
        var hostPort = HostScenario.Ports.Next();
        var folder = Directory.CreateTempSubdirectory("autoscaler-docker").FullName;
        await using var haproxy = await HAProxyServer.StartAsync(new Dictionary<string, string> { ["web"] = string.Empty }, _ => frontendPort);
        try
        {
            var config = Path.Combine(folder, "autoscaler.json");
            await File.WriteAllTextAsync(config, InProcessHost.Example("classic.json"));
            var environment = new Dictionary<string, string>
            {
                ["Host__Urls"] = $"http://127.0.0.1:{hostPort}",
                ["Host__ControlApi__OperatorKey"] = HostScenario.OperatorKey,
                ["AutoScaling__Groups__web__Interval"] = "00:00:01",
                ["AutoScaling__Groups__web__Metrics__rps__Type"] = "InMemory",
                ["AutoScaling__Groups__web__Metrics__rps__Value"] = "250",
                ["AutoScaling__Groups__web__Instances__PortRangeStart"] = "19750",
                ["AutoScaling__Groups__web__Instances__PortRangeEnd"] = "19799",
                ["AutoScaling__Groups__web__Instances__OwnerId"] = owner,
                ["AutoScaling__Groups__web__Router__SocketPath"] = haproxy.SocketPath,
            };
            using var host = HostProcess.Start(Path.Combine(AppContext.BaseDirectory, "autoscaler"), environment, ["--config", config]);

            // 250 at 100 per instance: 3 containers, each a server of backend web, answering through the frontend.
            Assert.True(
                await Tools.WaitUntilAsync(async () => (await haproxy.ServersAsync("web")).Count == 3, TimeSpan.FromSeconds(90)),
                $"backend web did not reach 3 servers: [{string.Join(", ", await haproxy.ServersAsync("web"))}]\n{host.Output}");
            Assert.All(await haproxy.ServersAsync("web"), s => Assert.StartsWith("as-127.0.0.1-197", s, StringComparison.Ordinal));
            Assert.Equal(3, (await OwnedContainersAsync(owner)).Count);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using (var response = await http.GetAsync(new Uri($"http://127.0.0.1:{frontendPort}/")))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            Assert.Equal(Autoscaler.ExitOk, await host.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            foreach (var id in await OwnedContainersAsync(owner))
            {
                await DockerAsync("rm", "-f", id); // this test's containers only: by id, found by its own owner label
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task<List<string>> OwnedContainersAsync(string owner)
    {
        var output = await DockerAsync("ps", "-aq", "--filter", "label=io.autoscaling.owner=" + owner);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    internal static async Task<string> DockerAsync(params string[] args)
    {
        using var docker = HostProcess.Start("docker", new Dictionary<string, string>(), args);
        var exit = await docker.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, $"docker {string.Join(' ', args)} failed ({exit}): {docker.Output}");
        return docker.Output;
    }
}
