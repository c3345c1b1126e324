using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Integration.Tests;

/// <summary>The host of the classic stack (dockerd + haproxy + prometheus), shared by the end-to-end suites.</summary>
internal static class ClassicStackHost
{
    /// <summary>The group's name, which is also the HAProxy backend's.</summary>
    public const string Group = "web";

    /// <summary>
    /// The classic stack's host: a Prometheus rate of HAProxy's requests, target tracking, Docker containers behind
    /// HAProxy (Min 1, Interval 1 s, scale-down window 5 s), with every log line passed to <paramref name="note"/>.
    /// </summary>
    public static IHost Build(string socketPath, Uri prometheus, string owner, int maxInstances, double targetPerInstance, int firstPort, Action<string> note)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(new CallbackLoggerProvider(note, LogLevel.Information)).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddAutoScaling()
            .AddScalingGroup(Group, g => g
                .Configure(o =>
                {
                    o.MinInstances = 1;
                    o.MaxInstances = maxInstances;
                    o.Interval = TimeSpan.FromSeconds(1);
                    o.MetricTimeout = TimeSpan.FromSeconds(3);
                    o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(5);
                    o.InstanceCheckInterval = TimeSpan.FromMilliseconds(250);
                    o.InstanceStartTimeout = TimeSpan.FromSeconds(30);
                    o.ReconcileEveryTicks = 2;
                })
                .UsePrometheusMetric("rps", q =>
                {
                    q.Server = prometheus;
                    q.Query = "sum(rate(haproxy_backend_http_requests_total{proxy=\"{group}\"}[5s]))";
                    q.Timeout = TimeSpan.FromSeconds(2);
                })
                .UseTargetTracking(t =>
                {
                    t.Metric = "rps";
                    t.TargetPerInstance = targetPerInstance;
                })
                .UseDockerContainers(d =>
                {
                    d.DockerHost = "unix://" + DockerApi.SocketPath;
                    d.Image = DockerApi.Image;
                    d.Command = ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"];
                    d.PortRangeStart = firstPort;
                    d.PortRangeEnd = firstPort + 9;
                    d.OwnerId = owner;
                    d.Probe = AutoScaling.Docker.ReadinessProbeKind.Http;
                    d.StopGracePeriod = TimeSpan.FromSeconds(2);
                })
                .UseHAProxyBackend(h =>
                {
                    h.SocketPath = socketPath;
                    h.Backend = Group;
                    h.Check.Interval = TimeSpan.FromMilliseconds(250);
                    h.ServerMaxConnections = 8;
                    h.DrainTimeout = TimeSpan.FromSeconds(10);
                }));
        return builder.Build();
    }
}
