using AutoScaling.Testing;

namespace AutoScaling.Prometheus.Tests;

/// <summary>
/// One real prometheus (127.0.0.1:19090) and haproxy (exporter 19501, web 19502, origin 19503) for the collection.
/// Prometheus scrapes the haproxy exporter and the exposition endpoint the tests open on <see cref="ExpositionPort"/>.
/// </summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    public const int PrometheusPort = 19090;
    public const int ExporterPort = 19501;
    public const int WebPort = 19502;
    public const int OriginPort = 19503;
    public const int ExpositionPort = 19510;

    private PrometheusServer? _prometheus;
    private HAProxyServer? _haproxy;

    internal PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException(PrometheusServer.HowToInstall);

    internal HAProxyServer HAProxy => _haproxy ?? throw new InvalidOperationException("haproxy is not installed (run: bash scripts/setup/prometheus.sh)");

    public Uri Server => Prometheus.Address;

    public static void Require()
    {
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        Component.Require(HAProxyServer.Binary is not null, "haproxy is not installed (run: bash scripts/setup/prometheus.sh)");
    }

    public async Task InitializeAsync()
    {
        if (PrometheusServer.Binary is null || HAProxyServer.Binary is null)
        {
            return;
        }

        // frontend fe_web -> backend web -> an origin frontend that answers 200 itself.
        _haproxy = await HAProxyServer.StartAsync(
            new Dictionary<string, string> { ["web"] = $"server origin 127.0.0.1:{OriginPort}" },
            _ => WebPort,
            extraSections: HAProxyServer.ExporterSection(ExporterPort)
                + $"frontend origin\n  bind 127.0.0.1:{OriginPort}\n  http-request return status 200 content-type text/plain string ok\n");
        _prometheus = await PrometheusServer.StartAsync(PrometheusPort, $"127.0.0.1:{ExporterPort}", $"127.0.0.1:{ExpositionPort}");
    }

    public Task DisposeAsync()
    {
        _prometheus?.Dispose();
        _haproxy?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class PrometheusServerGroup : ICollectionFixture<PrometheusFixture>
{
    public const string Name = "prometheus";
}
