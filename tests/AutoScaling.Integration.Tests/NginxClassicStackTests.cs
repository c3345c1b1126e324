using System.Globalization;
using AutoScaling.Nginx;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace AutoScaling.Integration.Tests;

/// <summary>
/// The classic stack with NGINX in place of HAProxy, through the real hosted controller: Docker containers (real
/// dockerd, busybox httpd in <c>autoscaling-test:local</c>) in an NGINX upstream (<c>UseNginxUpstream</c>: owned file,
/// <c>nginx -t</c>, reload), scaled by target tracking on NGINX's request rate from <c>stub_status</c>
/// (<c>UseNginxStubStatus</c>). Ports: nginx 18690-18699, containers 18700-18709.
/// </summary>
[Collection(StackTestGroup.Name)]
public sealed class NginxClassicStackTests(ITestOutputHelper output)
{
    private const string Group = ClassicStackHost.Group;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(90);

    private readonly Timeline _timeline = new();

    [SkippableFact]
    public async Task Nginx_stack_scales_up_under_load_and_back_down_without_a_failed_request()
    {
        Component.Require(Tools.Nginx is not null, NginxServer.HowToInstall);
        using var docker = new DockerApi();
        var missing = await docker.MissingAsync();
        Component.Require(missing is null, missing ?? string.Empty);

        var port = Ports.FreePort(18690, 18699, []);
        var owner = "e2e-nginx-" + Guid.NewGuid().ToString("N")[..12];
        var ownerLabel = "io.autoscaling.owner=" + owner;
        NginxServer? nginx = null;
        IHost? host = null;
        string? ownedFile = null;
        try
        {
            nginx = await NginxServer.StartAsync(
                port,
                dir => $$"""
                    include {{dir}}/upstream-web.conf;
                    server {
                        listen 127.0.0.1:{{port}};
                        location / { proxy_pass http://web; }
                        location = /nginx_status { stub_status; allow 127.0.0.1; deny all; }
                    }
                """,
                dir => File.WriteAllTextAsync(Path.Combine(dir, "upstream-web.conf"), UpstreamFile.Render(new NginxUpstreamOptions { Upstream = Group }, [])),
                "worker_shutdown_timeout 10s;");
            ownedFile = Path.Combine(nginx.Directory, "upstream-web.conf");
            Note($"nginx pid {nginx.Process.Pid} on 127.0.0.1:{port}, owner {owner}");

            host = ClassicStackHost.Build(ClassicStackHost.Nginx(nginx, ownedFile, port), owner, 4, 20, 18700, Note);
            var control = host.Services.GetRequiredService<IAutoScalingControl>();
            await host.StartAsync();
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
            var frontend = new Uri($"http://127.0.0.1:{port}/");

            Assert.True(
                await Tools.WaitUntilAsync(() => Task.FromResult(Active(control) == 1 && Routed(ownedFile) == 1), MaxWait),
                $"the group did not reach 1 routed instance within {MaxWait}: {Describe(control, ownedFile)}");
            Note("1 instance routed: " + Describe(control, ownedFile));

            // Load at ~3.2x the per-instance target (8 clients x 8 req/s against 20 req/s), at most 40 s.
            await using var load = new LoadGenerator(http, frontend, 8, TimeSpan.FromMilliseconds(125), TimeSpan.FromSeconds(40), maxRequests: 3_000);
            var running = 0;
            try
            {
                var scaledUp = await Tools.WaitUntilAsync(() => Task.FromResult(Active(control) >= 2 && Routed(ownedFile) >= 2), TimeSpan.FromSeconds(40));
                Assert.True(scaledUp, $"no scale-up within 40 s of load: {Describe(control, ownedFile)}");

                // Stay under load while the group settles (further scale-ups are reloads under traffic too).
                await Task.Delay(TimeSpan.FromSeconds(10));
                running = (await docker.ListAsync(ownerLabel, "io.autoscaling.group=" + Group)).Count(c => c.State == "running");
                Note($"scaled up: {Describe(control, ownedFile)}, {running} containers running");
            }
            finally
            {
                await load.StopAsync();
                Note($"load stopped: {load.Sent} requests, {load.Succeeded} 2xx, {load.Failed} failed");
            }

            Assert.True(load.Failed == 0, $"{load.Failed} of {load.Sent} requests failed: {string.Join("; ", load.Failures)}");
            Assert.True(running >= 2, $"expected >= 2 running containers of owner {owner}, found {running}");
            Assert.True(load.Succeeded > 200, $"only {load.Succeeded} requests were answered");

            // A trickle (2 req/s) while the group drains back to one instance, one server, one container.
            await using var trickle = new LoadGenerator(http, frontend, 1, TimeSpan.FromMilliseconds(500), MaxWait, maxRequests: 500);
            var scaledDown = await Tools.WaitUntilAsync(
                async () => Instances(control) == 1 && Active(control) == 1 && UpstreamFile.Parse(await File.ReadAllTextAsync(ownedFile)).Count == 1 && (await docker.ListAsync(ownerLabel)).Count == 1,
                MaxWait);
            await trickle.StopAsync();
            Note($"scale-in: {Describe(control, ownedFile)}; trickle {trickle.Sent} requests, {trickle.Failed} failed");
            Assert.True(scaledDown, $"did not scale back to 1 within {MaxWait}: {Describe(control, ownedFile)}");
            Assert.True(trickle.Failed == 0, $"{trickle.Failed} of {trickle.Sent} requests failed during scale-in: {string.Join("; ", trickle.Failures)}");
            Assert.Contains(control.GetEvents(Group), e => e.To > e.From);
            Assert.Contains(control.GetEvents(Group), e => e.To < e.From);
        }
        finally
        {
            if (host is not null)
            {
                await host.StopAsync(TimeSpan.FromSeconds(30));
                foreach (var e in host.Services.GetRequiredService<IAutoScalingControl>().GetEvents(Group))
                {
                    Note(string.Create(CultureInfo.InvariantCulture, $"event {e.Time:HH:mm:ss.f} {e.From} -> {e.To} {e.Reason} {e.Outcome} reached {e.Reached} {e.Detail}"));
                }

                host.Dispose();
            }

            // Remove every container of this run by id, stop nginx by pid.
            foreach (var c in await docker.ListAsync(ownerLabel))
            {
                await docker.RemoveAsync(c.Id);
            }

            if (nginx is not null)
            {
                await nginx.DisposeAsync();
            }

            output.WriteLine(_timeline.Text);
        }

        Assert.Empty(await docker.ListAsync(ownerLabel));
        Assert.True(nginx.Process.HasExited);
        Assert.False(Ports.IsListening(port));
    }

    private static int Active(IAutoScalingControl control) => control.GetStatus(Group).Count(InstanceState.Active);

    private static int Instances(IAutoScalingControl control) => control.GetStatus(Group).Instances.Count;

    /// <summary>Servers in the owned file that are not marked down: what new workers route to.</summary>
    private static int Routed(string file) => UpstreamFile.Parse(File.ReadAllText(file)).Count(s => !s.Down);

    private static string Describe(IAutoScalingControl control, string file)
    {
        var s = control.GetStatus(Group);
        var rps = s.Metrics.TryGetValue("rps", out var m) ? m.ToString() : "-";
        return $"instances [{string.Join(", ", s.Instances.Select(i => $"{i.Address} {i.State} {i.Route}"))}], rps {rps}, decision {s.LastDecision}, upstream [{string.Join(", ", UpstreamFile.Parse(File.ReadAllText(file)))}]";
    }

    private void Note(string line) => _timeline.Note(line);
}
