using System.Globalization;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace AutoScaling.Nginx.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredGroup
{
    public const string Name = "NGINX measurements (run alone)";
}

/// <summary>
/// Acceptance: a bounded load through a real nginx while the pool grows and shrinks 20 times through the real
/// controller (a hosted scaling group: busybox instances, <c>UseNginxUpstream</c>, the target moved with
/// <see cref="IAutoScalingControl.SetManualTarget"/>): every request must be answered 2xx. Duration: 60 s, or
/// <c>AUTOSCALING_NGINX_LOAD_SECONDS</c>; cycles: 20, or <c>AUTOSCALING_NGINX_LOAD_CYCLES</c>.
/// </summary>
[Collection(MeasuredGroup.Name)]
public sealed class ZeroDroppedRequestsTests(NginxFixture fixture, ITestOutputHelper output) : IClassFixture<NginxFixture>
{
    private const int Clients = 50;
    private const int Baseline = 2;
    private const string Group = "web";

    [SkippableFact]
    public async Task Every_request_is_answered_while_the_pool_grows_and_shrinks()
    {
        NginxFixture.Require();
        var (duration, cycles) = PoolChurnSettings.FromEnvironment("NGINX");
        var reloads = new List<double>();
        var drains = new List<double>();
        using var listener = NginxMeasurements.Listen((name, seconds, _) =>
        {
            lock (reloads)
            {
                (name == "autoscaling.nginx.reload.duration" ? reloads : drains).Add(seconds * 1000);
            }
        });
        using var host = BuildHost();
        var control = host.Services.GetRequiredService<IAutoScalingControl>();
        var startedBefore = fixture.Instances.Started;
        await host.StartAsync();
        await PoolChurnLoad.UntilReadyAsync(control, Group, Baseline, TimeSpan.FromSeconds(30), CancellationToken.None);

        var run = await PoolChurnLoad.RunAsync(control, new PoolChurnSettings(new Uri($"http://127.0.0.1:{fixture.Port}/"), Group, Clients, Baseline, duration, cycles)
        {
            // A scale-in costs two reloads and a drain, a scale-out one reload: on a busy machine 20 cycles outlast 60 s.
            HardLimit = duration + TimeSpan.FromSeconds(300),

            // An old worker closes its idle keep-alive connections when a reload tells it to stop; a GET already on
            // its way on one of them is reset before any answer, and a client may send it again (RFC 9112 9.3.1).
            RetryResetOnce = true,
        });

        var scalingEvents = control.GetEvents(Group);
        await host.StopAsync(TimeSpan.FromSeconds(30));
        var created = fixture.Instances.Started - startedBefore;
        var router = fixture.Router();
        var left = await router.ListAsync(CancellationToken.None);
        await router.DeregisterAsync(left, CancellationToken.None);
        fixture.Instances.Dispose();
        var errors = File.ReadAllLines(fixture.Nginx.ErrorLog).Count(l => l.Contains("[error]", StringComparison.Ordinal));

        var report = string.Create(CultureInfo.InvariantCulture, $"""
            NGINX zero-dropped-requests load: {Clients} clients, {run.Elapsed.TotalSeconds:F1} s, pool {Baseline} -> grown and shrunk {cycles} times (+1/+2 alternately) by the controller, {scalingEvents.Count} scaling events, {created} instances started, least_conn, 2 workers
            {run.Summary()}
            reloads: {reloads.Count}, reload ms (write + nginx -t + SIGHUP until new workers serve): {Describe(reloads)}
            drains: {drains.Count}, drain ms (reload until the old workers exited): {Describe(drains)}
            nginx error log [error] lines: {errors}
            """);
        output.WriteLine(report);
        Console.WriteLine(report);
        foreach (var line in run.Slow.Take(10).Concat(run.Retried.Take(20)).Concat(run.Failures.Take(20)))
        {
            output.WriteLine(line);
        }

        if (Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } runDir && Directory.Exists(runDir))
        {
            await File.WriteAllTextAsync(Path.Combine(runDir, "nginx-load.txt"), report + "\n");
        }

        Assert.True(run.Latencies.Length > Clients, $"too few requests: {run.Latencies.Length}");
        Assert.True(run.Failures.Count == 0, $"{run.Failures.Count} of {run.Latencies.Length} requests failed; first: {string.Join(" | ", run.Failures.Take(5))}");
        Assert.All(scalingEvents, e => Assert.Equal(ScalingOutcome.Succeeded, e.Outcome));
        Assert.Equal(1 + (2 * cycles), scalingEvents.Count); // 0 -> 2 at start, then one up and one down per cycle
        Assert.Equal(Baseline + run.Grown, created); // no instance replaced, none started twice
        Assert.Equal(Baseline, left.Count);
        Assert.Equal(0, errors);
    }

    /// <summary>Min, median, p95 and max of a list of milliseconds.</summary>
    internal static string Describe(List<double> ms)
    {
        if (ms.Count == 0)
        {
            return "none";
        }

        var sorted = ms.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"min {sorted[0]:F1}, p50 {At(0.5):F1}, p95 {At(0.95):F1}, max {sorted[^1]:F1}");
    }

    /// <summary>A hosted scaling group over the fixture's busybox instances, routed by the real NGINX router; the target is set by hand.</summary>
    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAutoScaling()
            .AddScalingGroup(Group, g => g
                .UseChurnGroup(Baseline, fixture.Instances)
                .UseNginxUpstream(o => fixture.Options().CopyTo(o)));
        return builder.Build();
    }
}
