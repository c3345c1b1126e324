using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Prometheus;

/// <summary>What every Prometheus reader of a group shares: the HTTP clients per server, the clock, and how a source is built.</summary>
internal static class PrometheusSourceFactory
{
    /// <summary>Registers the shared HTTP clients and the system clock (unless the host gave one).</summary>
    public static void AddShared(IServiceCollection services)
    {
        services.TryAddSingleton<PrometheusHttpClients>();
        services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>A source for <paramref name="options"/> over the shared client of its server.</summary>
    public static PrometheusMetricSource Create(IServiceProvider services, PrometheusQueryOptions options) => new(
        options,
        services.GetRequiredService<PrometheusHttpClients>().GetClient(options),
        services.GetRequiredService<TimeProvider>(),
        services.GetService<ILogger<PrometheusMetricSource>>());
}
