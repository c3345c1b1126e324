// The etcd tests' autoscaler host: one group "web" whose desired count is the number in <shared>/target (target
// tracking, one per instance), instances shared with the other hosts through <shared>/instances, leadership on etcd.
// Usage: AutoScaling.Etcd.TestHost <shared folder> <host id> <etcd endpoints, comma-separated> <lease TTL seconds> [docker <group label> <first port>]
// With "docker", the instances are containers of autoscaling-test:local (busybox httpd, host network, 127.0.0.1 ports
// from <first port>, ten of them) owned by every host alike: dockerd is the shared truth.
// TLS files and credentials, when a test gives them, are in <shared>/etcd-<host id>.json as {"Etcd": {...}}.
// Every 100 ms it writes <shared>/status-<host id> as "leader|standby <epoch>" for the tests to read.
using System.Globalization;
using AutoScaling;
using AutoScaling.Etcd.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var shared = args[0];
var hostId = args[1];
var endpoints = args[2].Split(',');
var ttl = int.Parse(args[3], CultureInfo.InvariantCulture);
var docker = args.Length > 6 && args[4] == "docker";
var target = Path.Combine(shared, "target");

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddJsonFile(Path.Combine(shared, $"etcd-{hostId}.json"), optional: true);
builder.Logging.ClearProviders().AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
builder.Logging.SetMinimumLevel(LogLevel.Information);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
builder.Services.AddAutoScaling()
    .AddEtcdLeadership(o =>
    {
        foreach (var e in endpoints)
        {
            o.Endpoints.Add(e);
        }

        o.LeaseTtl = TimeSpan.FromSeconds(ttl);
        o.HostId = hostId;
        o.PollInterval = TimeSpan.FromMilliseconds(200);
        o.RequestTimeout = TimeSpan.FromMilliseconds(500);
        o.SafetyMargin = TimeSpan.FromSeconds(1);
        builder.Configuration.GetSection("Etcd").Bind(o);
    })
    .AddScalingGroup("web", g => g
        .Configure(o =>
        {
            o.MinInstances = 0;
            o.MaxInstances = 20;
            o.Interval = TimeSpan.FromMilliseconds(200);
            o.MaxInstancesPerStep = 20;
            o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
            o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(20, TimeSpan.FromSeconds(1)));
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(20, TimeSpan.FromSeconds(1)));
        })
        .UseMetric("load", () => File.Exists(target) ? double.Parse(File.ReadAllText(target), CultureInfo.InvariantCulture) : double.NaN)
        .UseTargetTracking(t => { t.Metric = "load"; t.TargetPerInstance = 1; t.ToleranceUp = 0; t.ToleranceDown = 0; })
        .Compose(docker, args));

using var host = builder.Build();
var control = host.Services.GetRequiredService<IAutoScalingControl>();
using var stop = new CancellationTokenSource();
var statusFile = Path.Combine(shared, "status-" + hostId);
var reporter = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        var leadership = control.GetStatus("web").Leadership;
        var line = leadership is { IsLeader: true } ? $"leader {leadership.Epoch}" : "standby 0";
        File.WriteAllText(statusFile + ".tmp", line);
        File.Move(statusFile + ".tmp", statusFile, overwrite: true);
        await Task.Delay(100);
    }
});
await host.RunAsync();
await stop.CancelAsync();
await reporter;
