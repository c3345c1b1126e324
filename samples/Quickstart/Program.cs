// The quickstart: a target-tracking group over simulated in-memory instances, driven by a synthetic load curve
// (quiet, ramp, spike, quiet) on a clock that runs 30x faster than real time. Ends by itself in about 40 s.
using AutoScaling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quickstart;

var clock = new AcceleratedTimeProvider(factor: 30);
var start = clock.GetUtcNow();
double Load() => LoadCurve.At(clock.GetUtcNow() - start);

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<TimeProvider>(clock);
builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
    .Configure(o =>
    {
        o.MinInstances = 2;
        o.MaxInstances = 20;
        o.Interval = TimeSpan.FromSeconds(15);
        o.ScaleDown.StabilizationWindow = TimeSpan.FromMinutes(2);
        o.InstanceStartTimeout = TimeSpan.FromMinutes(1);
    })
    .UseMetric("rps", Load)
    .UseTargetTracking(t =>
    {
        t.Metric = "rps";
        t.TargetPerInstance = 100;
    })
    .UseInMemoryInstances(i =>
    {
        i.StartupDelay = TimeSpan.FromSeconds(20);
        i.FailureRate = 0.05;
        i.Seed = 42;
    }));

using var host = builder.Build();
await host.StartAsync();
var control = host.Services.GetRequiredService<IAutoScalingControl>();
var report = new QuickstartReport(100);

Console.WriteLine("AutoScaling quickstart: target 100 req/s per instance, 20 simulated minutes at 30x speed.");
Console.WriteLine();
Console.WriteLine($"{"time",6} {"load",7} {"active",6} {"starting",8} {"desired",7}  reason");
var next = TimeSpan.Zero;
while (clock.GetUtcNow() - start < LoadCurve.Length)
{
    var elapsed = clock.GetUtcNow() - start;
    var status = control.GetStatus("web");
    report.Observe(elapsed, Load(), status);
    if (elapsed >= next)
    {
        var decision = status.LastDecision;
        Console.WriteLine($"{elapsed:mm\\:ss} {Load(),7:0} {status.Count(InstanceState.Active),6} {status.Count(InstanceState.Starting),8} {decision?.DesiredInstances,7}  {decision?.Reason}");
        next += TimeSpan.FromSeconds(30);
    }

    await Task.Delay(TimeSpan.FromSeconds(1), clock);
}

await host.StopAsync();
report.Print(control.GetEvents("web"));
