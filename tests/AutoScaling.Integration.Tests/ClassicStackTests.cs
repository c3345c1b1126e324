using System.Diagnostics;
using System.Globalization;
using System.Text;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace AutoScaling.Integration.Tests;

/// <summary>
/// The classic stack of README.md end to end, through the real hosted controller: Docker containers (real dockerd,
/// busybox httpd in <c>autoscaling-test:local</c>) behind a real haproxy (<c>UseHAProxyBackend</c>), scaled by target
/// tracking on HAProxy's request rate read from a real prometheus that scrapes HAProxy's exporter.
/// </summary>
[Collection(StackTestGroup.Name)]
public sealed class ClassicStackTests(ITestOutputHelper output)
{
    private const string Group = ClassicStackHost.Group;
    private const double TargetPerInstance = 20;
    private const int Clients = 8;
    private static readonly TimeSpan ClientPeriod = TimeSpan.FromMilliseconds(125); // 8 clients x 8 req/s = 64 req/s, 3.2x the target
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(90);

    private readonly Timeline _timeline = new();

    [SkippableFact]
    public async Task Classic_stack_scales_up_under_load_and_back_down_without_a_failed_request()
    {
        Component.Require(HAProxyServer.Binary is not null, HAProxyServer.HowToInstall);
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        using var docker = new DockerApi();
        var missing = await docker.MissingAsync();
        Component.Require(missing is null, missing ?? string.Empty);

        var ports = new List<int>();
        var frontendPort = Ports.FreePort(18600, 18609, ports);
        var exporterPort = Ports.FreePort(18600, 18609, ports);
        var prometheusPort = Ports.FreePort(18600, 18609, ports);
        var owner = "e2e-" + Guid.NewGuid().ToString("N")[..12];
        var ownerLabel = "io.autoscaling.owner=" + owner;

        HAProxyServer? haproxy = null;
        PrometheusServer? prometheus = null;
        IHost? host = null;
        using var sampling = new CancellationTokenSource();
        Task? sampler = null;
        try
        {
            // frontend fe_web -> backend web (no servers: the library adds them), the exporter for prometheus.
            haproxy = await HAProxyServer.StartAsync(new Dictionary<string, string> { ["web"] = string.Empty }, _ => frontendPort, extraSections: HAProxyServer.ExporterSection(exporterPort));
            prometheus = await PrometheusServer.StartAsync(prometheusPort, $"127.0.0.1:{exporterPort}");
            Note($"haproxy pid {haproxy.Process.Pid} (frontend {frontendPort}, exporter {exporterPort}), prometheus pid {prometheus.Process.Pid} (port {prometheusPort}), owner {owner}");

            host = ClassicStackHost.Build(ClassicStackHost.HAProxy(haproxy.SocketPath, prometheus.Address), owner, 4, TargetPerInstance, 18610, Note);
            var control = host.Services.GetRequiredService<IAutoScalingControl>();
            await host.StartAsync();
            Note("host started");
            sampler = SampleAsync(control, sampling.Token);

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            var frontend = new Uri($"http://127.0.0.1:{frontendPort}/");

            // 1. One instance, routed through HAProxy.
            Assert.True(
                await Tools.WaitUntilAsync(async () => Active(control) == 1 && (await haproxy.ServersAsync("web")).Count == 1, MaxWait),
                $"the group did not reach 1 active instance within {MaxWait}: {Describe(control)}");
            using (var first = await http.GetAsync(frontend))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
            }

            Note($"1 instance routed: {string.Join(", ", await haproxy.ServersAsync("web"))}");

            // 2. Load at ~3.2x the per-instance target, at most 40 s: the group scales up.
            await using var load = new LoadGenerator(http, frontend, Clients, ClientPeriod, TimeSpan.FromSeconds(40), maxRequests: 3_000);
            Note($"load started: {Clients} clients x {1 / ClientPeriod.TotalSeconds:F0} req/s");
            List<string> serversUnderLoad = [];
            var containersUnderLoad = 0;
            try
            {
                var scaledUp = await Tools.WaitUntilAsync(async () => Active(control) >= 2 && (await haproxy.ServersAsync("web")).Count >= 2, TimeSpan.FromSeconds(30));
                Assert.True(scaledUp, $"no scale-up within 30 s of load: {Describe(control)}");
                Note($"scaled up: {Active(control)} active");

                // Let it settle a few seconds under load (all through HAProxy, all counted), then the three views must
                // agree: the controller's active instances, our running containers, the servers HAProxy routes to.
                await Task.Delay(TimeSpan.FromSeconds(5));
                var agreed = await Tools.WaitUntilAsync(
                    async () =>
                    {
                        serversUnderLoad = await haproxy.ServersAsync("web");
                        var running = (await docker.ListAsync(ownerLabel, "io.autoscaling.group=" + Group)).Where(c => c.State == "running").ToList();
                        containersUnderLoad = running.Count;
                        var expected = running.Select(c => "as-127.0.0.1-" + c.Labels["io.autoscaling.port"]).Order(StringComparer.Ordinal);
                        return Active(control) == running.Count && expected.SequenceEqual(serversUnderLoad.Order(StringComparer.Ordinal));
                    },
                    TimeSpan.FromSeconds(20));
                Note($"under load: {Active(control)} active, containers {containersUnderLoad}, haproxy servers [{string.Join(", ", serversUnderLoad)}]");
                Assert.True(agreed, $"controller, containers and HAProxy disagree: {Describe(control)}; {containersUnderLoad} containers; servers [{string.Join(", ", serversUnderLoad)}]");
                Assert.True(containersUnderLoad >= 2, $"expected >= 2 running containers of owner {owner}, found {containersUnderLoad}");
                Assert.True(serversUnderLoad.Count >= 2, $"expected >= 2 servers in backend web, found [{string.Join(", ", serversUnderLoad)}]");
                Assert.All(serversUnderLoad, s => Assert.StartsWith("as-127.0.0.1-186", s, StringComparison.Ordinal));
            }
            finally
            {
                await load.StopAsync();
                Note($"load stopped: {load.Sent} requests, {load.Succeeded} 2xx, {load.Failed} failed");
            }

            Assert.True(load.Failed == 0, $"{load.Failed} of {load.Sent} requests failed: {string.Join("; ", load.Failures)}");
            Assert.True(load.Succeeded > 500, $"only {load.Succeeded} requests were answered");
            Assert.True(containersUnderLoad >= 2);

            // 3. A trickle (2 req/s, a tenth of the target) while the group drains back to one instance,
            //    one server, one container: scale-in must not fail a request either.
            await using var trickle = new LoadGenerator(http, frontend, 1, TimeSpan.FromMilliseconds(500), MaxWait, maxRequests: 500);
            var scaledDown = await Tools.WaitUntilAsync(
                async () => Instances(control) == 1 && Active(control) == 1
                    && (await haproxy.ServersAsync("web")).Count == 1
                    && (await docker.ListAsync(ownerLabel)).Count == 1,
                MaxWait);
            Assert.True(scaledDown, $"did not scale back to 1 within {MaxWait}: {Describe(control)}, servers [{string.Join(", ", await haproxy.ServersAsync("web"))}]");
            await trickle.StopAsync();
            Note($"scaled down to 1; trickle: {trickle.Sent} requests, {trickle.Succeeded} 2xx, {trickle.Failed} failed");
            Assert.True(trickle.Failed == 0, $"{trickle.Failed} of {trickle.Sent} requests failed during scale-in: {string.Join("; ", trickle.Failures)}");
            Assert.True(trickle.Succeeded > 0);
            using (var last = await http.GetAsync(frontend))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, last.StatusCode);
            }

            Assert.Contains(control.GetEvents(Group), e => e.To > e.From);
            Assert.Contains(control.GetEvents(Group), e => e.To < e.From);
        }
        finally
        {
            await sampling.CancelAsync();
            if (sampler is not null)
            {
                await sampler;
            }

            if (host is not null)
            {
                await host.StopAsync(TimeSpan.FromSeconds(30));
                foreach (var e in host.Services.GetRequiredService<IAutoScalingControl>().GetEvents(Group))
                {
                    Note($"event {e.Time:HH:mm:ss.f} {e.From} -> {e.To} {e.Reason} {e.Outcome} reached {e.Reached} {e.Detail}");
                }

                host.Dispose();
                Note("host stopped");
            }

            // Remove every container of this run by id, kill haproxy and prometheus by pid.
            var ours = await docker.ListAsync(ownerLabel);
            foreach (var c in ours)
            {
                await docker.RemoveAsync(c.Id);
            }

            Note($"removed {ours.Count} container(s)");
            haproxy?.Dispose();
            prometheus?.Dispose();
            output.WriteLine(_timeline.Text);
        }

        Assert.Empty(await docker.ListAsync(ownerLabel));
        Assert.True(haproxy.Process.HasExited);
        Assert.True(prometheus.Process.HasExited);
        Assert.False(Ports.IsListening(frontendPort));
        Assert.False(Ports.IsListening(prometheusPort));
    }

    private static int Active(IAutoScalingControl control) => control.GetStatus(Group).Count(InstanceState.Active);

    private static int Instances(IAutoScalingControl control) => control.GetStatus(Group).Instances.Count;

    private static string Describe(IAutoScalingControl control)
    {
        var s = control.GetStatus(Group);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"instances [{string.Join(", ", s.Instances.Select(i => $"{i.Address} {i.State} {i.FailureReason}"))}]");
        text.Append(CultureInfo.InvariantCulture, $", decision {s.LastDecision}, error {s.LastError}");
        foreach (var (name, sample) in s.Metrics)
        {
            text.Append(CultureInfo.InvariantCulture, $", {name} {sample}");
        }

        return text.ToString();
    }

    private async Task SampleAsync(IAutoScalingControl control, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), token);
                var s = control.GetStatus(Group);
                var rps = s.Metrics.TryGetValue("rps", out var m) ? (m.IsValid ? m.Value.ToString("F1", CultureInfo.InvariantCulture) : m.Status.ToString()) : "-";
                var d = s.LastDecision;
                Note($"rps {rps,6}  instances {s.Instances.Count} (active {s.Count(InstanceState.Active)}, starting {s.Count(InstanceState.Starting)}, draining {s.Count(InstanceState.Draining)})  decision {d?.CurrentInstances}->{d?.DesiredInstances} {d?.Reason}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Note(string line) => _timeline.Note(line);
}
