using AutoScaling.Testing;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace AutoScaling.HAProxy.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTestGroup
{
    public const string Name = "HAProxy load (runs alone)";
}

/// <summary>
/// Acceptance: a bounded load through a real haproxy while the pool grows and shrinks 20 times through the real
/// controller (a hosted scaling group: busybox instances, <c>UseHAProxyBackend</c>, the target moved with
/// <see cref="IAutoScalingControl.SetManualTarget"/>): every request must be answered 2xx. Duration: 60 s, or
/// <c>AUTOSCALING_HAPROXY_LOAD_SECONDS</c>.
/// </summary>
[Collection(LoadTestGroup.Name)]
public sealed class ZeroDroppedRequestsTests(HAProxyFixture fixture, ITestOutputHelper output) : IClassFixture<HAProxyFixture>
{
    private const int Clients = 50;
    private const int Baseline = 2;
    private const string Group = "web";

    [SkippableFact]
    public async Task Every_request_is_answered_while_the_pool_grows_and_shrinks()
    {
        Tools.Require();

        // AUTOSCALING_HAPROXY_LOAD_CYCLES=0 measures the same load without scaling, for comparison (the acceptance run uses 20).
        var (duration, cycles) = PoolChurnSettings.FromEnvironment("HAPROXY");
        var options = Options();
        using var host = BuildHost(options);
        var control = host.Services.GetRequiredService<IAutoScalingControl>();
        var startedBefore = fixture.Instances.Started;
        await host.StartAsync();
        await PoolChurnLoad.UntilReadyAsync(control, Group, Baseline, TimeSpan.FromSeconds(30), CancellationToken.None);

        var run = await PoolChurnLoad.RunAsync(control, new PoolChurnSettings(new Uri($"http://127.0.0.1:{fixture.WebPort}/"), Group, Clients, Baseline, duration, cycles));
        var backendCounters = await BackendCountersAsync();

        var scalingEvents = control.GetEvents(Group);
        await host.StopAsync(TimeSpan.FromSeconds(30));
        var created = fixture.Instances.Started - startedBefore;
        var (serversAtStop, serversLeft) = await CleanUpAsync(options);

        var report = string.Create(CultureInfo.InvariantCulture, $"""
            HAProxy zero-dropped-requests load: {Clients} clients, {run.Elapsed.TotalSeconds:F1} s, pool {Baseline} -> grown and shrunk {cycles} times (+1/+2 alternately) by the controller, {scalingEvents.Count} scaling events, {created} instances started, server maxconn {options.ServerMaxConnections}, slowstart {options.Check.SlowStart.TotalMilliseconds} ms
            {run.Summary()}
            haproxy backend counters: {backendCounters}
            """);
        output.WriteLine(report);
        Console.WriteLine(report);
        var trace = Environment.GetEnvironmentVariable("AUTOSCALING_HAPROXY_LOAD_TRACE") == "1";
        foreach (var outlier in run.Slow.Take(trace ? 1000 : 10))
        {
            output.WriteLine("over 500 ms: " + outlier);
        }

        foreach (var e in trace ? run.Events : [])
        {
            output.WriteLine("scaling: " + e);
        }

        foreach (var failure in run.Failures.Take(20))
        {
            output.WriteLine("failure: " + failure);
        }

        if (Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } runDir && Directory.Exists(runDir))
        {
            await File.WriteAllTextAsync(Path.Combine(runDir, "haproxy-load.txt"), report + "\n");
        }

        Assert.True(run.Latencies.Length > Clients, $"too few requests: {run.Latencies.Length}");
        Assert.True(run.Failures.Count == 0, $"{run.Failures.Count} of {run.Latencies.Length} requests failed; first: {string.Join(" | ", run.Failures.Take(5))}");
        Assert.Contains("hrsp_5xx=0", backendCounters, StringComparison.Ordinal);
        Assert.Contains("eresp=0", backendCounters, StringComparison.Ordinal);
        Assert.All(scalingEvents, e => Assert.Equal(ScalingOutcome.Succeeded, e.Outcome));
        Assert.Equal(1 + (2 * cycles), scalingEvents.Count); // 0 -> 2 at start, then one up and one down per cycle
        Assert.Equal(Baseline + run.Grown, created); // no instance replaced, none started twice
        Assert.Equal((Baseline, 0), (serversAtStop, serversLeft));
    }

    private HAProxyBackendOptions Options()
    {
        var options = new HAProxyBackendOptions { SocketPath = fixture.SocketPath, Backend = "web", DrainTimeout = TimeSpan.FromSeconds(20) };
        options.Check.Interval = TimeSpan.FromMilliseconds(100);

        // busybox httpd listens with a backlog of 9: beyond ~9 connections per server the kernel drops SYNs and the
        // client retransmits after 1 s. AUTOSCALING_HAPROXY_LOAD_MAXCONN (default 8) lets HAProxy queue instead (0 = no
        // limit), and AUTOSCALING_HAPROXY_LOAD_SLOWSTART_MS (default 1000) spares a server that just came up the burst.
        options.Check.SlowStart = TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALING_HAPROXY_LOAD_SLOWSTART_MS"), NumberStyles.None, CultureInfo.InvariantCulture, out var ss) ? ss : 1000);
        options.ServerMaxConnections = int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALING_HAPROXY_LOAD_MAXCONN"), NumberStyles.None, CultureInfo.InvariantCulture, out var mc) ? mc : 8;
        return options;
    }

    /// <summary>A hosted scaling group over the fixture's busybox instances, routed by the real HAProxy router; the target is set by hand.</summary>
    private IHost BuildHost(HAProxyBackendOptions haproxy)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAutoScaling()
            .AddScalingGroup(Group, g => g
                .UseChurnGroup(Baseline, fixture.Instances)
                .UseHAProxyBackend(h =>
                {
                    h.SocketPath = haproxy.SocketPath;
                    h.Backend = haproxy.Backend;
                    h.DrainTimeout = haproxy.DrainTimeout;
                    h.Check.Interval = haproxy.Check.Interval;
                    h.Check.SlowStart = haproxy.Check.SlowStart;
                    h.ServerMaxConnections = haproxy.ServerMaxConnections;
                }));
        return builder.Build();
    }

    /// <summary>Deregisters what the group left in HAProxy and stops its busybox instances by pid; returns the servers before and after.</summary>
    private async Task<(int Before, int After)> CleanUpAsync(HAProxyBackendOptions options)
    {
        var router = new HAProxyBackendRouter(new HAProxyBackendPool(fixture.HAProxy.Client(), options), options);
        var left = await router.ListAsync(CancellationToken.None);
        await router.DeregisterAsync(left, CancellationToken.None);
        foreach (var id in fixture.Instances.Running.Keys.ToList())
        {
            fixture.Instances.Stop(id);
        }

        return (left.Count, (await router.ListAsync(CancellationToken.None)).Count);
    }

    /// <summary>The backend's error and retry counters (<c>econ</c>, <c>eresp</c>, <c>wretr</c>, <c>wredis</c>), to see what HAProxy absorbed.</summary>
    private async Task<string> BackendCountersAsync()
    {
        var csv = await fixture.HAProxy.Client().ExecuteAsync(HAProxyCommand.ShowStat("web"), CancellationToken.None);
        var lines = csv.Split('\n');
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var row = lines.First(l => l.StartsWith("web,BACKEND,", StringComparison.Ordinal)).Split(',');
        return string.Join(", ", new[] { "econ", "eresp", "wretr", "wredis", "hrsp_5xx" }.Select(c => $"{c}={row[Array.IndexOf(header, c)]}"));
    }
}
