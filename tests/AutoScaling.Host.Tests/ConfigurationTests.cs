using AutoScaling.Docker;
using AutoScaling.HAProxy;
using AutoScaling.InMemory;
using AutoScaling.Nginx;
using AutoScaling.Prometheus;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.Host.Tests;

/// <summary>Groups built from configuration alone: every part by its Type, bound through the adapters' own binding.</summary>
public sealed class ConfigurationTests
{
    private const string InMemoryGroup = """
        {
          "AutoScaling": { "Groups": { "web": {
            "MinInstances": 1, "MaxInstances": 5, "Interval": "00:00:01",
            "Metrics": { "rps": { "Type": "InMemory", "Value": 250 } },
            "Instances": { "Type": "InMemory", "StartupDelay": "00:00:02" },
            "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100 } ] } } },
          "Host": { "Urls": "http://127.0.0.1:0", "ControlApi": { "Enabled": false } }
        }
        """;

    /// <summary>The examples leave the key to the environment (Host__ControlApi__OperatorKey); here it comes as an argument.</summary>
    private const string OperatorKey = "--Host:ControlApi:OperatorKey=operator-key-0123456789";

    [Fact]
    public async Task An_in_memory_group_from_json_scales_to_its_metric_on_the_hosts_clock()
    {
        var time = new ManualTimeProvider();
        var built = InProcessHost.Build(InMemoryGroup, time);
        Assert.Empty(built.Problems);
        await using var app = built.App;
        await app.StartAsync();
        try
        {
            var control = app.Services.GetRequiredService<IAutoScalingControl>();
            Assert.Equal(["web"], control.GroupNames);

            // 250 rps at 100 per instance: 3 instances, active once their 2 s start-up has passed on the manual clock.
            for (var i = 0; i < 300 && control.GetStatus("web").Count(InstanceState.Active) < 3; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(500));
                await Task.Delay(10);
            }

            var status = control.GetStatus("web");
            Assert.Equal(3, status.Count(InstanceState.Active));
            Assert.Equal(3, status.LastDecision?.DesiredInstances);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void Direct_stats_sources_local_processes_and_an_etcd_election_bind_from_configuration_and_are_valid()
    {
        const string json = """
            {
              "AutoScaling": {
                "Leadership": { "Etcd": { "Endpoints": [ "http://127.0.0.1:19879" ], "LeaseTtl": "00:00:04", "HostId": "a" } },
                "Groups": { "web": {
                  "Election": "web-pool",
                  "Metrics": {
                    "sessions": { "Type": "HAProxyStats", "SocketPath": "/run/haproxy/admin.sock", "Backend": "web", "Statistic": "CurrentSessions" },
                    "cpu": { "Type": "DockerStats", "Statistic": "MemoryPercent", "MaxParallelism": 2 } },
                  "Instances": { "Type": "Processes", "Command": "/bin/busybox", "Arguments": [ "httpd", "-f", "-p", "127.0.0.1:{port}" ],
                                 "PortRangeStart": 19760, "PortRangeEnd": 19769 },
                  "Policies": [ { "Type": "TargetTracking", "Metric": "sessions", "TargetPerInstance": 20 } ] } } },
              "Host": { "Urls": "http://127.0.0.1:0", "ControlApi": { "Enabled": false } }
            }
            """;

        using var built = InProcessHost.Build(json, null);
        Assert.Empty(built.Problems);
        var sp = built.App.Services;

        var haproxy = sp.GetRequiredService<IOptionsMonitor<HAProxyStatsOptions>>().Get(MetricOptionsName.Create("web", "haproxy-stats", "sessions"));
        Assert.Equal(("/run/haproxy/admin.sock", "web", HAProxyStatistic.CurrentSessions), (haproxy.SocketPath, haproxy.Backend, haproxy.Statistic));
        var docker = sp.GetRequiredService<IOptionsMonitor<DockerStatsOptions>>().Get(MetricOptionsName.Create("web", "docker-stats", "cpu"));
        Assert.Equal((DockerStatistic.MemoryPercent, 2), (docker.Statistic, docker.MaxParallelism));
        var processes = sp.GetRequiredService<IOptionsMonitor<Processes.ProcessInstanceOptions>>().Get("web");
        Assert.Equal(("/bin/busybox", 19760, 19769), (processes.Command, processes.PortRangeStart, processes.PortRangeEnd));
        Assert.Equal(["httpd", "-f", "-p", "127.0.0.1:{port}"], processes.Arguments);
        var etcd = sp.GetRequiredService<IOptions<Etcd.EtcdLeadershipOptions>>().Value;
        Assert.Equal(["http://127.0.0.1:19879"], etcd.Endpoints);
        Assert.Equal((TimeSpan.FromSeconds(4), "a"), (etcd.LeaseTtl, etcd.HostId));
    }

    [Fact]
    public void A_bad_etcd_section_and_election_name_are_named_with_the_other_problems()
    {
        const string json = """
            {
              "AutoScaling": {
                "Leadership": { "Etcd": { "Endpoints": [ "ftp://127.0.0.1:19879" ], "Password": "s3cret-pass" } },
                "Groups": { "web": {
                  "Election": "web pool!",
                  "Metrics": { "rps": { "Type": "InMemory", "Value": 1 } },
                  "Instances": { "Type": "InMemory" },
                  "Policies": [ { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 0 } ] } } },
              "Host": { "Urls": "http://127.0.0.1:0", "ControlApi": { "Enabled": false } }
            }
            """;

        using var built = InProcessHost.Build(json, null);
        var problems = string.Join("\n", built.Problems);

        Assert.Contains("ftp://127.0.0.1:19879", problems, StringComparison.Ordinal);
        Assert.Contains("TargetPerInstance", problems, StringComparison.Ordinal);
        Assert.Contains("'web pool!'", problems, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void The_classic_example_binds_docker_haproxy_and_prometheus_options_and_is_valid()
    {
        using var built = InProcessHost.Build(InProcessHost.Example("classic.json"), null, OperatorKey);
        Assert.Empty(built.Problems);
        var sp = built.App.Services;

        var group = sp.GetRequiredService<IOptionsMonitor<ScalingGroupOptions>>().Get("web");
        Assert.Equal((1, 10, TimeSpan.FromSeconds(5)), (group.MinInstances, group.MaxInstances, group.Interval));
        Assert.Equal(TimeSpan.FromMinutes(1), group.ScaleDown.StabilizationWindow);

        var docker = sp.GetRequiredService<IOptionsMonitor<DockerContainerOptions>>().Get("web");
        Assert.Equal(("autoscaling-test:local", 18100, 18199), (docker.Image, docker.PortRangeStart, docker.PortRangeEnd));
        Assert.Equal(["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"], docker.Command);

        var haproxy = sp.GetRequiredService<IOptionsMonitor<HAProxyBackendOptions>>().Get("web");
        Assert.Equal(("/run/haproxy/admin.sock", "web"), (haproxy.SocketPath, haproxy.Backend));

        var prometheus = sp.GetRequiredService<IOptionsMonitor<PrometheusQueryOptions>>().Get("web/prometheus:rps");
        Assert.Equal(new Uri("http://127.0.0.1:9090/"), prometheus.Server);
        Assert.Contains("haproxy_backend_http_requests_total", prometheus.Query, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_nginx_example_binds_the_upstream_and_stub_status_options_and_is_valid()
    {
        // The validator runs nginx -T to check that the main file includes the upstream file: both move to a folder of this test.
        Component.Require(Tools.Nginx is not null, "nginx is not installed (run ./build.sh setup: scripts/setup/nginx.sh)");
        var folder = Directory.CreateTempSubdirectory("autoscaler-nginx").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "nginx.conf"), $"events {{}}\nhttp {{ include {folder}/api-upstream.conf; }}\n");
            using var built = InProcessHost.Build(
                InProcessHost.Example("nginx.json"),
                null,
                OperatorKey,
                $"--AutoScaling:Groups:api:Router:ConfigurationPath={folder}/nginx.conf",
                $"--AutoScaling:Groups:api:Router:FilePath={folder}/api-upstream.conf");
            Assert.Empty(built.Problems);
            var sp = built.App.Services;

            var upstream = sp.GetRequiredService<IOptionsMonitor<NginxUpstreamOptions>>().Get("api");
            Assert.Equal(($"{folder}/api-upstream.conf", "api", "/run/nginx.pid"), (upstream.FilePath, upstream.Upstream, upstream.PidFile));
            var stub = sp.GetRequiredService<IOptionsMonitor<NginxStubStatusOptions>>().Get("api/nginx-stub-status:rps");
            Assert.Equal(("http://127.0.0.1:8081/nginx_status", NginxStubStatusField.RequestsPerSecond), (stub.Url, stub.Field));
            Assert.Equal(2, sp.GetRequiredService<IOptionsMonitor<ScalingGroupOptions>>().Get("api").MinInstances);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void In_memory_instances_bind_their_options()
    {
        using var built = InProcessHost.Build(InMemoryGroup);
        Assert.Empty(built.Problems);
        var options = built.App.Services.GetRequiredService<IOptionsMonitor<InMemoryInstanceOptions>>().Get("web");
        Assert.Equal(TimeSpan.FromSeconds(2), options.StartupDelay);
    }

    [Fact]
    public void Settings_shared_by_every_group_bind_from_the_AutoScaling_section()
    {
        using var built = InProcessHost.Build(InProcessHost.Example("classic.json"), null, OperatorKey, "--AutoScaling:MaxConcurrentOperations=3");
        Assert.Equal(3, built.App.Services.GetRequiredService<IOptions<AutoScalingOptions>>().Value.MaxConcurrentOperations);
    }
}
