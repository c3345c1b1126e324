using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AutoScaling.Testing;

namespace AutoScaling.Integration.Tests;

/// <summary>The host of the classic stack (dockerd behind haproxy + prometheus, or behind nginx + stub_status), shared by the end-to-end suites.</summary>
internal static class ClassicStackHost
{
    /// <summary>The group's name, which is also the HAProxy backend's and the NGINX upstream's.</summary>
    public const string Group = "web";

    /// <summary>The HAProxy front: the request rate of backend <see cref="Group"/> from prometheus, servers added through the runtime API.</summary>
    public static Action<IScalingGroupBuilder> HAProxy(string socketPath, Uri prometheus) => g => g
        .UsePrometheusMetric("rps", q =>
        {
            q.Server = prometheus;
            q.Query = "sum(rate(haproxy_backend_http_requests_total{proxy=\"{group}\"}[5s]))";
            q.Timeout = TimeSpan.FromSeconds(2);
        })
        .UseHAProxyBackend(h =>
        {
            h.SocketPath = socketPath;
            h.Backend = Group;
            h.Check.Interval = TimeSpan.FromMilliseconds(250);
            h.ServerMaxConnections = 8;
            h.DrainTimeout = TimeSpan.FromSeconds(10);
        });

    /// <summary>The NGINX front: requests per second from <c>stub_status</c>, upstream <see cref="Group"/> in the owned file, reloads.</summary>
    public static Action<IScalingGroupBuilder> Nginx(NginxServer nginx, string ownedFile, int port) => g => g
        .UseNginxStubStatus("rps", s => s.Url = $"http://127.0.0.1:{port}/nginx_status")
        .UseNginxUpstream(n =>
        {
            n.Upstream = Group;
            n.FilePath = ownedFile;
            n.ConfigurationPath = nginx.ConfigurationPath;
            n.Prefix = nginx.Directory;
            n.PidFile = nginx.PidFile;
            n.DrainTimeout = TimeSpan.FromSeconds(10);
        });

    /// <summary>
    /// The classic stack's host: the request rate as metric "rps", target tracking, Docker containers behind the
    /// <paramref name="front"/> (<see cref="HAProxy"/> or <see cref="Nginx"/>; Min 1, Interval 1 s, scale-down window
    /// 5 s), with every log line passed to <paramref name="note"/>.
    /// </summary>
    public static IHost Build(Action<IScalingGroupBuilder> front, string owner, int maxInstances, double targetPerInstance, int firstPort, Action<string> note)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(new CallbackLoggerProvider(note, LogLevel.Information)).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddAutoScaling()
            .AddScalingGroup(Group, g => front(g
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
                })));
        return builder.Build();
    }
}
