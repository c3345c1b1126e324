using AutoScaling.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Exposes the autoscaler's own metrics (the <c>AutoScaling</c> meter) in the Prometheus text format.</summary>
public static class PrometheusExporterServiceCollectionExtensions
{
    /// <summary>Serves the autoscaler's metrics on a small built-in HTTP listener (for hosts without ASP.NET Core), on <c>http://127.0.0.1:9464/metrics</c> by default.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAutoScalingPrometheusExporter(this IServiceCollection services)
        => services.AddExporter(configure: null);

    /// <summary>Serves the autoscaler's metrics on a small built-in HTTP listener (for hosts without ASP.NET Core).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the URL (<c>http://127.0.0.1:9464/metrics</c> by default), meters and buckets.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAutoScalingPrometheusExporter(this IServiceCollection services, Action<PrometheusExporterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddExporter(configure);
    }

    /// <summary>Serves the autoscaler's metrics on a small built-in HTTP listener, configured from a section shaped as <see cref="PrometheusExporterOptions"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAutoScalingPrometheusExporter(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddExporter(configure: null);
        services.AddOptions<PrometheusExporterOptions>().Bind(section);
        return services;
    }

    /// <summary>
    /// Collects the autoscaler's metrics from host start without serving them: resolve
    /// <see cref="PrometheusMetricsCollector"/> and write it into a response of your own HTTP endpoint (ASP.NET Core:
    /// <c>app.MapGet("/metrics", (PrometheusMetricsCollector c, HttpResponse r) =&gt; { r.ContentType = PrometheusMetricsCollector.ContentType; c.WriteTo(r.BodyWriter); })</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the meters and buckets.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAutoScalingPrometheusMetrics(this IServiceCollection services, Action<PrometheusExporterOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<PrometheusExporterOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusExporterOptions>, PrometheusExporterOptionsValidator>());
        services.TryAddSingleton<PrometheusMetricsCollector>();

        // Start listening when the host starts, so that nothing recorded before the first scrape is lost.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CollectorActivator>());
        return services;
    }

    private static IServiceCollection AddExporter(this IServiceCollection services, Action<PrometheusExporterOptions>? configure)
    {
        services.AddAutoScalingPrometheusMetrics(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PrometheusMetricsListener>());
        return services;
    }

    private sealed class CollectorActivator(PrometheusMetricsCollector collector) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(collector);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
