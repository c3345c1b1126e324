using System.Globalization;
using System.Text.Json;

namespace AutoScaling.Demo.Stack;

/// <summary>
/// What the demo's stack is made of: its loopback ports, the group's settings and the run's own owner id (the
/// <c>io.autoscaling.owner</c> label of its containers), and the generated configuration files of each component.
/// </summary>
internal sealed record StackSettings(string RunDirectory, string OwnerId, string ReaderKey)
{
    /// <summary>The containers' ports (busybox httpd, host networking).</summary>
    public const int ContainerPortStart = 17300;

    /// <summary>The last container port.</summary>
    public const int ContainerPortEnd = 17389;

    /// <summary>HAProxy's frontend: where the load goes.</summary>
    public const int FrontendPort = 17390;

    /// <summary>HAProxy's Prometheus exporter.</summary>
    public const int ExporterPort = 17391;

    /// <summary>Prometheus.</summary>
    public const int PrometheusPort = 17392;

    /// <summary>The autoscaler's HTTP (control API, metrics, health).</summary>
    public const int AutoscalerPort = 17393;

    /// <summary>The group's name, HAProxy's backend.</summary>
    public const string Group = "web";

    /// <summary>The image of the group's containers, built by scripts/setup/docker.sh.</summary>
    public const string Image = "autoscaling-test:local";

    /// <summary>The requests per second one instance is meant to serve (the target-tracking policy's target).</summary>
    public const double TargetPerInstance = 10;

    /// <summary>The group's bounds.</summary>
    public const int MinInstances = 1;

    /// <summary>The group's upper bound.</summary>
    public const int MaxInstances = 8;

    /// <summary>The PromQL query the group scales on: HAProxy's request rate into the backend.</summary>
    public const string Query = "sum(rate(haproxy_backend_http_requests_total{proxy=\"web\"}[5s]))";

    /// <summary>The host-side ports, each checked free before anything starts.</summary>
    public static IReadOnlyList<int> HostPorts { get; } = [FrontendPort, ExporterPort, PrometheusPort, AutoscalerPort];

    /// <summary>Gets HAProxy's runtime API socket.</summary>
    public string HAProxySocket => Path.Combine(RunDirectory, "haproxy.sock");

    /// <summary>Gets the frontend's address.</summary>
    public static Uri Frontend { get; } = new($"http://127.0.0.1:{FrontendPort}/");

    /// <summary>Gets Prometheus' address.</summary>
    public static Uri Prometheus { get; } = new($"http://127.0.0.1:{PrometheusPort}/");

    /// <summary>Gets the autoscaler's address.</summary>
    public static Uri Autoscaler { get; } = new($"http://127.0.0.1:{AutoscalerPort}/");

    /// <summary>
    /// HAProxy: a frontend into backend <c>web</c> (empty: the autoscaler adds the servers), the runtime API, the exporter.
    /// Generous timeouts: on a starved machine a request waiting in the queue for a busy server shows as latency, not as a 503.
    /// </summary>
    public string HAProxyConfig() => string.Create(CultureInfo.InvariantCulture, $$"""
        global
          stats socket {{HAProxySocket}} mode 600 level admin
          stats timeout 30s
          maxconn 4096

        defaults
          mode http
          timeout connect 5s
          timeout client 60s
          timeout server 60s
          timeout queue 30s
          retries 3
          option redispatch 1
          retry-on conn-failure empty-response

        frontend fe_web
          bind 127.0.0.1:{{FrontendPort}}
          default_backend {{Group}}

        backend {{Group}}
          balance roundrobin

        frontend exporter
          bind 127.0.0.1:{{ExporterPort}}
          http-request use-service prometheus-exporter if { path /metrics }

        """);

    /// <summary>Prometheus: HAProxy's exporter scraped every second.</summary>
    public static string PrometheusConfig() => string.Create(CultureInfo.InvariantCulture, $"""
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: 'haproxy'
            static_configs:
              - targets: ['127.0.0.1:{ExporterPort}']

        """);

    /// <summary>The autoscaler's configuration file: the classic stack of docs/host.md, on the demo's ports and owner id.</summary>
    public string AutoscalerConfig()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("AutoScaling");
            json.WriteStartObject("Groups");
            json.WriteStartObject(Group);
            json.WriteNumber("MinInstances", MinInstances);
            json.WriteNumber("MaxInstances", MaxInstances);
            json.WriteString("Interval", "00:00:01");
            json.WriteStartObject("ScaleDown");
            json.WriteString("StabilizationWindow", "00:00:10"); // short, so that a demo of minutes shows the way down too
            json.WriteEndObject();
            json.WriteStartObject("Metrics");
            json.WriteStartObject("rps");
            json.WriteString("Type", "Prometheus");
            json.WriteString("Server", Prometheus.ToString());
            json.WriteString("Query", Query);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("Instances");
            json.WriteString("Type", "Docker");
            json.WriteString("Image", Image);
            json.WriteStartArray("Command");
            foreach (var part in (string[])["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"])
            {
                json.WriteStringValue(part);
            }

            json.WriteEndArray();
            json.WriteNumber("PortRangeStart", ContainerPortStart);
            json.WriteNumber("PortRangeEnd", ContainerPortEnd);
            json.WriteString("Probe", "Http");
            json.WriteString(nameof(OwnerId), OwnerId);
            json.WriteEndObject();
            json.WriteStartObject("Router");
            json.WriteString("Type", "HAProxy");
            json.WriteString("SocketPath", HAProxySocket);
            json.WriteString("Backend", Group);

            // At most 4 requests at a time in a busybox httpd, the rest wait in HAProxy's queue: a flooded accept backlog
            // failed the 1 s health checks on a starved machine, took every server out and answered 503.
            json.WriteNumber("ServerMaxConnections", 4);
            json.WriteStartObject("Check");
            json.WriteString("Interval", "00:00:02");
            json.WriteNumber("Fall", 3);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("Policies");
            json.WriteStartObject();
            json.WriteString("Type", "TargetTracking");
            json.WriteString("Metric", "rps");
            json.WriteNumber("TargetPerInstance", TargetPerInstance);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("Host");
            json.WriteString("Urls", $"http://127.0.0.1:{AutoscalerPort}");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
