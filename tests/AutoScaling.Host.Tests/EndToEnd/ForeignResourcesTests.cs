using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>
/// Look-alikes of the group's containers and servers, made by the test before the run: containers of the same image
/// named as the autoscaler names its own, on ports of the group's range, carrying the group's label with another owner,
/// no labels, the group label alone, or the test's owner with another group; a server of backend <c>web</c> in
/// haproxy's config and one added at runtime (<c>as_foreign</c>: almost the autoscaler's <c>as-</c> prefix). After a scale-out (1 → 3) and back in, every one of them is untouched.
/// Ports 17180-17199.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class ForeignResourcesTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Foreign_look_alike_containers_and_servers_are_left_untouched_by_a_scale_out_and_in()
    {
        var foreign = new List<string>();
        var other = "foreign-" + Guid.NewGuid().ToString("N")[..8];
        AutoscalerStack? stack = null;
        try
        {
            // At 0 req/s and no minimum the group starts empty; the look-alikes come first, then the group starts its own.
            stack = await AutoscalerStack.StartAsync(new StackSettings(17180, RpsSource.InMemory) { InitialRps = 0, MinInstances = 0, BackendLines = "server legacy 127.0.0.1:17180" }, output);
            var docker = stack.Docker;
            string[] Httpd(int port) => ["httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", "/www"];
            foreign.Add(await docker.RunAsync("autoscaling-web-17180", new Dictionary<string, string> { ["io.autoscaling.group"] = "web", ["io.autoscaling.owner"] = other, ["io.autoscaling.port"] = "17180" }, Httpd(17180)));
            foreign.Add(await docker.RunAsync("autoscaling-web-17181", new Dictionary<string, string>(), Httpd(17181)));
            foreign.Add(await docker.RunAsync($"autoscaling-web-{other}", new Dictionary<string, string> { ["io.autoscaling.group"] = "web" }, Httpd(17182)));
            foreign.Add(await docker.RunAsync($"autoscaling-api-{other}", new Dictionary<string, string> { ["io.autoscaling.group"] = "api", ["io.autoscaling.owner"] = stack.Owner, ["io.autoscaling.port"] = "17183" }, Httpd(17183)));
            Assert.Equal("New server registered.", (await stack.HAProxy.CommandAsync("add server web/as_foreign 127.0.0.1:17181")).Trim());
            Assert.Equal(string.Empty, (await stack.HAProxy.CommandAsync("set server web/as_foreign state ready")).Trim());
            var foreignServers = await ForeignServersAsync(stack);
            stack.Timeline.Note($"foreign containers {string.Join(", ", foreign.Select(f => f[..12]))}; foreign servers [{string.Join(", ", foreignServers)}]");

            Assert.Empty(await stack.ContainersAsync());
            await stack.UpdateGroupAsync("rps 10: 1 instance", g => g["Metrics"]!["rps"]!["Value"] = 10);
            Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60)), "the group did not start 1 routed container: " + await stack.DescribeAsync());
            await stack.UpdateGroupAsync("rps 30: 3 instances", g => g["Metrics"]!["rps"]!["Value"] = 30);
            Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(3), TimeSpan.FromSeconds(60)), "the group did not scale out to 3: " + await stack.DescribeAsync());
            Assert.All(await stack.ContainersAsync(), c => Assert.InRange(c.Port, 17184, 17194)); // the ports the look-alikes hold were skipped
            await stack.UpdateGroupAsync("rps 10: 1 instance", g => g["Metrics"]!["rps"]!["Value"] = 10);
            Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60)), "the group did not scale back in to 1: " + await stack.DescribeAsync());

            foreach (var id in foreign)
            {
                Assert.Equal("running", await docker.StateAsync(id));
            }

            Assert.Equal(foreignServers, await ForeignServersAsync(stack));
            Assert.All(
                (await HAProxyBackendServer.ListAsync(stack.HAProxy, AutoscalerStack.Group)).Where(s => !s.Name.StartsWith(AutoscalerStack.ServerPrefix, StringComparison.Ordinal)),
                s => Assert.True(s.InService, $"foreign server {s} is no longer in service"));
            Assert.DoesNotContain("decommissioning instance", stack.Autoscaler.Output, StringComparison.Ordinal);
        }
        finally
        {
            if (stack is not null)
            {
                foreach (var id in foreign)
                {
                    await stack.Docker.RemoveAsync(id); // the look-alikes are this test's: removed by id
                }

                await stack.DisposeAsync();
            }
        }
    }

    /// <summary>The servers of backend <c>web</c> that are not the autoscaler's, by name and address (their states change with their checks).</summary>
    private static async Task<List<(string Name, string Address, int Port)>> ForeignServersAsync(AutoscalerStack stack)
        => [.. (await HAProxyBackendServer.ListAsync(stack.HAProxy, AutoscalerStack.Group))
            .Where(s => !s.Name.StartsWith(AutoscalerStack.ServerPrefix, StringComparison.Ordinal))
            .Select(s => (s.Name, s.Address, s.Port))];
}
