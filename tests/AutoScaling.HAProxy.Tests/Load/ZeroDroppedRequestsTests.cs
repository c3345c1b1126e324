using AutoScaling.Testing;
using System.Diagnostics;
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
    private const long MaxRequests = 5_000_000;
    private const string Group = "web";

    [SkippableFact]
    public async Task Every_request_is_answered_while_the_pool_grows_and_shrinks()
    {
        Tools.Require();
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALING_HAPROXY_LOAD_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;
        var duration = TimeSpan.FromSeconds(seconds);

        // AUTOSCALING_HAPROXY_LOAD_CYCLES=0 measures the same load without scaling, for comparison (the acceptance run uses 20).
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALING_HAPROXY_LOAD_CYCLES"), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 20;
        var options = Options();
        using var host = BuildHost(options);
        var control = host.Services.GetRequiredService<IAutoScalingControl>();
        var startedBefore = fixture.Instances.Started;
        await host.StartAsync();
        await UntilReadyAsync(control, Baseline, TimeSpan.FromSeconds(30), CancellationToken.None);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var uri = new Uri($"http://127.0.0.1:{fixture.WebPort}/");
        using var stop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(90)); // hard bound even if scaling stalls
        var loadEnds = Stopwatch.StartNew();
        long issued = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var latencies = new List<double>[Clients];
        var slow = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var scalingDone = false;
        var grown = 0;

        async Task ClientLoop(int index)
        {
            var mine = latencies[index] = new List<double>(64 * 1024);
            while ((!Volatile.Read(ref scalingDone) || loadEnds.Elapsed < duration) && !stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= MaxRequests)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(uri, stop.Token);
                    await response.Content.ReadAsStringAsync(stop.Token);
                    if ((int)response.StatusCode is < 200 or > 299)
                    {
                        failures.Enqueue($"HTTP {(int)response.StatusCode} at {loadEnds.Elapsed.TotalSeconds:F1} s");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    failures.Enqueue($"{ex.GetType().Name}: {ex.Message} at {loadEnds.Elapsed.TotalSeconds:F1} s");
                }

                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                mine.Add(ms);
                if (ms > 500)
                {
                    slow.Enqueue($"{ms:F0} ms ending at {loadEnds.Elapsed.TotalSeconds:F2} s (client {index})");
                }
            }
        }

        async Task ScaleLoop()
        {
            try
            {
                if (cycles == 0)
                {
                    await Task.Delay(duration, stop.Token);
                    return;
                }

                var period = duration / cycles;
                for (var cycle = 0; cycle < cycles; cycle++)
                {
                    var cycleStart = loadEnds.Elapsed;
                    var grow = cycle % 2 == 0 ? 1 : 2;
                    grown += grow;
                    control.SetManualTarget(Group, Baseline + grow);
                    await UntilReadyAsync(control, Baseline + grow, TimeSpan.FromSeconds(20), stop.Token);
                    events.Enqueue($"{loadEnds.Elapsed.TotalSeconds:F2} s: {Baseline} -> {Baseline + grow} routed");

                    await Task.Delay(Remaining(period / 2, loadEnds.Elapsed - cycleStart), stop.Token);
                    control.SetManualTarget(Group, Baseline);
                    await UntilReadyAsync(control, Baseline, TimeSpan.FromSeconds(30), stop.Token);
                    events.Enqueue($"{loadEnds.Elapsed.TotalSeconds:F2} s: {Baseline + grow} -> {Baseline} gone");
                    await Task.Delay(Remaining(period, loadEnds.Elapsed - cycleStart), stop.Token);
                }
            }
            finally
            {
                Volatile.Write(ref scalingDone, true);
            }
        }

        var workers = Enumerable.Range(0, Clients).Select(i => Task.Run(() => ClientLoop(i))).ToList();
        var scaler = ScaleLoop();
        await scaler;
        await Task.WhenAll(workers);
        var elapsed = loadEnds.Elapsed;
        var backendCounters = await BackendCountersAsync();

        var scalingEvents = control.GetEvents(Group);
        await host.StopAsync(TimeSpan.FromSeconds(30));
        var created = fixture.Instances.Started - startedBefore;
        var (serversAtStop, serversLeft) = await CleanUpAsync(options);

        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        var report = string.Create(CultureInfo.InvariantCulture, $"""
            HAProxy zero-dropped-requests load: {Clients} clients, {elapsed.TotalSeconds:F1} s, pool {Baseline} -> grown and shrunk {cycles} times (+1/+2 alternately) by the controller, {scalingEvents.Count} scaling events, {created} instances started, server maxconn {options.ServerMaxConnections}, slowstart {options.Check.SlowStart.TotalMilliseconds} ms
            requests: {all.Length}, failures: {failures.Count}, throughput: {all.Length / elapsed.TotalSeconds:F0} req/s
            haproxy backend counters: {backendCounters}
            latency ms: p50 {Percentile(all, 0.50):F2}, p95 {Percentile(all, 0.95):F2}, p99 {Percentile(all, 0.99):F2}, max {(all.Length > 0 ? all[^1] : 0):F2}, requests over 500 ms: {slow.Count}
            """);
        output.WriteLine(report);
        Console.WriteLine(report);
        foreach (var outlier in slow.Take(Environment.GetEnvironmentVariable("AUTOSCALING_HAPROXY_LOAD_TRACE") == "1" ? 1000 : 10))
        {
            output.WriteLine("over 500 ms: " + outlier);
        }

        if (Environment.GetEnvironmentVariable("AUTOSCALING_HAPROXY_LOAD_TRACE") == "1")
        {
            foreach (var e in events)
            {
                output.WriteLine("scaling: " + e);
            }
        }

        foreach (var failure in failures.Take(20))
        {
            output.WriteLine("failure: " + failure);
        }

        if (Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } runDir && Directory.Exists(runDir))
        {
            await File.WriteAllTextAsync(Path.Combine(runDir, "haproxy-load.txt"), report + "\n");
        }

        Assert.True(all.Length > Clients, $"too few requests: {all.Length}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {all.Length} requests failed; first: {string.Join(" | ", failures.Take(5))}");
        Assert.Contains("hrsp_5xx=0", backendCounters, StringComparison.Ordinal);
        Assert.Contains("eresp=0", backendCounters, StringComparison.Ordinal);
        Assert.All(scalingEvents, e => Assert.Equal(ScalingOutcome.Succeeded, e.Outcome));
        Assert.Equal(1 + (2 * cycles), scalingEvents.Count); // 0 -> 2 at start, then one up and one down per cycle
        Assert.Equal(Baseline + grown, created); // no instance replaced, none started twice
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
                .Configure(o =>
                {
                    o.MinInstances = Baseline;
                    o.MaxInstances = Baseline + 2;
                    o.Interval = TimeSpan.FromMilliseconds(200);
                    o.InstanceCheckInterval = TimeSpan.FromMilliseconds(100);
                    o.InstanceStartTimeout = TimeSpan.FromSeconds(20);
                    o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
                    o.StartRetries = 0;
                })
                .UseFixed(f => f.Instances = Baseline)
                .UseInstances(_ => new BusyboxInstanceProvider(fixture.Instances))
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

    /// <summary>Waits until the group has exactly <paramref name="count"/> instances, all routed.</summary>
    private static async Task UntilReadyAsync(IAutoScalingControl control, int count, TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < limit)
        {
            var instances = control.GetStatus(Group).Instances;
            if (instances.Count == count && instances.All(i => i.State == InstanceState.Active && i.Route == RouteState.Routed))
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }

        Assert.Fail($"The group did not reach {count} routed instances within {limit}: [{string.Join(", ", control.GetStatus(Group).Instances.Select(i => $"{i.Id} {i.State} {i.Route}"))}], last decision {control.GetStatus(Group).LastDecision}.");
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

    private static TimeSpan Remaining(TimeSpan target, TimeSpan spent) => target > spent ? target - spent : TimeSpan.Zero;

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
