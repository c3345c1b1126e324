using System.Diagnostics;
using System.Globalization;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace AutoScaling.Integration.Tests;

/// <summary>The suites that start dockerd containers and haproxy run one after the other (2 shared cores, fixed port ranges).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StackTestGroup
{
    public const string Name = "classic stack (runs alone)";
}

/// <summary>
/// Faults of issue 9 reproduced against the real dockerd and haproxy, through the hosted controller: a container removed
/// from outside (fault 1) and an HAProxy restart (fault 3). Each test is bounded (under 60 s) and removes what it started by id.
/// </summary>
[Collection(StackTestGroup.Name)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private readonly Timeline _timeline = new();

    [SkippableFact]
    public async Task Container_removed_from_outside_is_deregistered_and_replaced_once()
    {
        await using var stack = await StartAsync(firstPort: 18630, instances: 3);
        var (haproxy, docker, log, control) = (stack.HAProxy, stack.Docker, stack.Log, stack.Control);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        await using var load = new LoadGenerator(http, new Uri($"http://127.0.0.1:{haproxy.Frontends["web"]}/"), 4, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(40), maxRequests: 2_000);

        var before = await docker.ListAsync(stack.OwnerLabel);
        var victim = before[^1];
        var victimServer = "as-127.0.0.1-" + victim.Labels["io.autoscaling.port"];
        var provisionsBefore = log.Count("P.Provision");
        Assert.True(await docker.RemoveAsync(victim.Id), $"docker rm -f {victim.Id} failed");
        Note($"removed container {victim.Id[..12]} ({victimServer}) from outside");

        var recovered = await Tools.WaitUntilAsync(async () => await AgreeAsync(stack, 3) && StackGroup.Ready(control) == 3, TimeSpan.FromSeconds(30));
        Note($"recovered: {recovered}; servers [{string.Join(", ", await haproxy.ServersAsync("web"))}]");
        await Task.Delay(TimeSpan.FromSeconds(3)); // and stays there: no churn
        await load.StopAsync();
        Note($"load: {load.Sent} requests, {load.Succeeded} 2xx, {load.Failed} failed");

        var after = await docker.ListAsync(stack.OwnerLabel);
        var provisions = log.Count("P.Provision") - provisionsBefore;
        Assert.True(recovered, $"the group did not return to 3 routed instances matching HAProxy's servers within 30 s: {Describe(control)}");
        Assert.True(await AgreeAsync(stack, 3), "the group left 3 after recovering");
        Assert.DoesNotContain(after, c => c.Id == victim.Id);
        Assert.Contains(log.Snapshot(), e => e.StartsWith("R.Deregister", StringComparison.Ordinal) && e.Contains(victimServer, StringComparison.Ordinal));
        Assert.InRange(provisions, 1, 2); // one replacement, at most one retry: no container churn
        Assert.Equal(3, after.Count);
        Assert.Equal(0, log.Count("P.Decommission"));
        Assert.DoesNotContain(log.Snapshot(), e => e.Contains("already in service", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(control.GetEvents(StackGroup.Name), e => e.Outcome != ScalingOutcome.Succeeded);
    }

    [SkippableFact]
    public async Task HAProxy_restart_registers_the_running_container_again_and_destroys_nothing()
    {
        await using var stack = await StartAsync(firstPort: 18640, instances: 1);
        var (haproxy, docker, log, control) = (stack.HAProxy, stack.Docker, stack.Log, stack.Control);
        var container = Assert.Single(await docker.ListAsync(stack.OwnerLabel));
        var lowest = int.MaxValue;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                lowest = Math.Min(lowest, control.GetStatus(StackGroup.Name).Instances.Count(i => i.State is InstanceState.Active or InstanceState.Starting));
                await Task.Delay(50);
            }
        });

        var pid = await haproxy.RestartAsync();
        Note($"haproxy killed and restarted as pid {pid}: servers [{string.Join(", ", await haproxy.ServersAsync("web"))}]");
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var routedAgain = await Tools.WaitUntilAsync(
            async () => await AgreeAsync(stack, 1) && StackGroup.Ready(control) == 1 && await Tools.AnswersAsync(http, new Uri($"http://127.0.0.1:{haproxy.Frontends["web"]}/")),
            TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a full reconcile (every 2 ticks) has run since
        await watching.CancelAsync();
        await watcher;
        Note($"registered again: {routedAgain}; servers [{string.Join(", ", await haproxy.ServersAsync("web"))}]; lowest count seen {lowest}");

        Assert.True(routedAgain, $"the running container was not routed again within 30 s: {Describe(control)}");
        Assert.Equal(container.Id, Assert.Single(await docker.ListAsync(stack.OwnerLabel)).Id);
        Assert.Equal(1, log.Count("P.Provision")); // the first instance only
        Assert.Equal(0, log.Count("P.Decommission"));
        Assert.True(lowest >= 1, $"the group went below its minimum (lowest count {lowest})");
        Assert.Contains(log.Snapshot(), e => e.StartsWith("R.Register 127.0.0.1:" + container.Labels["io.autoscaling.port"], StringComparison.Ordinal));
    }

    private static async Task<bool> AgreeAsync(Stack stack, int count)
    {
        var servers = await stack.HAProxy.ServersAsync("web");
        var running = (await stack.Docker.ListAsync(stack.OwnerLabel)).Where(c => c.State == "running").ToList();
        var expected = running.Select(c => "as-127.0.0.1-" + c.Labels["io.autoscaling.port"]).Order(StringComparer.Ordinal);
        return running.Count == count && expected.SequenceEqual(servers.Order(StringComparer.Ordinal));
    }

    private static string Describe(IAutoScalingControl control)
    {
        var s = control.GetStatus(StackGroup.Name);
        return $"instances [{string.Join(", ", s.Instances.Select(i => $"{i.Address} {i.State} {i.Route} {i.FailureReason}"))}], decision {s.LastDecision}, error {s.LastError}";
    }

    /// <summary>An haproxy with backend <c>web</c> (frontend and exporter on free ports of 18620-18629) for the fault and call-count stacks.</summary>
    internal static Task<HAProxyServer> StartHAProxyAsync(List<int> ports)
    {
        var frontend = Ports.FreePort(18620, 18629, ports);
        var exporter = Ports.FreePort(18620, 18629, ports);
        return HAProxyServer.StartAsync(new Dictionary<string, string> { ["web"] = string.Empty }, _ => frontend, extraSections: HAProxyServer.ExporterSection(exporter));
    }

    private async Task<Stack> StartAsync(int firstPort, int instances)
    {
        Component.Require(HAProxyServer.Binary is not null, "haproxy is not installed (run ./build.sh setup)");
        var docker = new DockerApi();
        var missing = await docker.MissingAsync();
        if (missing is not null)
        {
            docker.Dispose();
        }

        Component.Require(missing is null, missing ?? string.Empty);
        var ports = new List<int>();
        var haproxy = await StartHAProxyAsync(ports);
        var owner = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        var log = new CallLog();
        var host = StackGroup.Build(new StackGroupSettings(haproxy.SocketPath, DockerApi.SocketPath, owner, firstPort, instances), log, Note);
        var stack = new Stack(haproxy, docker, host, log, owner, this);
        Note($"haproxy pid {haproxy.Process.Pid}, owner {owner}");
        await host.StartAsync();
        if (!await Tools.WaitUntilAsync(async () => await AgreeAsync(stack, instances) && StackGroup.Ready(stack.Control) == instances, TimeSpan.FromSeconds(30)))
        {
            await stack.DisposeAsync();
            Assert.Fail($"the group did not reach {instances} routed instances within 30 s");
        }

        Note($"{instances} instance(s) routed: [{string.Join(", ", await haproxy.ServersAsync("web"))}]");
        return stack;
    }

    private void Flush()
    {
        output.WriteLine(_timeline.Text);
    }

    private void Note(string line) => _timeline.Note(line);

    /// <summary>What one test started; disposing stops the host and removes every container of the owner by id, then kills haproxy by pid.</summary>
    private sealed class Stack(HAProxyServer haproxy, DockerApi docker, IHost host, CallLog log, string owner, FaultTests test) : IAsyncDisposable
    {
        public HAProxyServer HAProxy => haproxy;

        public DockerApi Docker => docker;

        public CallLog Log => log;

        public string OwnerLabel => "io.autoscaling.owner=" + owner;

        public IAutoScalingControl Control => host.Services.GetRequiredService<IAutoScalingControl>();

        public async ValueTask DisposeAsync()
        {
            var events = string.Join(" | ", Control.GetEvents(StackGroup.Name).Select(e => $"{e.From}->{e.To} {e.Reason} {e.Outcome}"));
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(20));
                host.Dispose();
            }
            finally
            {
                var ours = await docker.ListAsync(OwnerLabel);
                foreach (var c in ours)
                {
                    await docker.RemoveAsync(c.Id);
                }

                test.Note($"removed {ours.Count} container(s); events: {events}");
                var left = await docker.ListAsync(OwnerLabel);
                haproxy.Dispose();
                docker.Dispose();
                test.Flush();
                Assert.Empty(left);
                Assert.True(haproxy.Process.HasExited);
            }
        }
    }
}
