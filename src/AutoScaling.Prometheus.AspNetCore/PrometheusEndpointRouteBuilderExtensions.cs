using AutoScaling.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the autoscaler's own metrics for Prometheus to scrape.</summary>
public static class PrometheusEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the <c>AutoScaling</c> meter (and any other meters the exporter options name) in the Prometheus
    /// text format 0.0.4 on <c>GET <paramref name="pattern"/></c>. Register the collector with
    /// <c>services.AddAutoScalingPrometheusMetrics()</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the <c>WebApplication</c>).</param>
    /// <param name="pattern">The route; <c>/metrics</c> by default.</param>
    /// <returns>A builder to add conventions (authorization, host filters…) to the endpoint.</returns>
    public static IEndpointConventionBuilder MapAutoScalingMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<PrometheusMetricsCollector>() is null)
        {
            throw new InvalidOperationException("MapAutoScalingMetrics needs the collector: call services.AddAutoScalingPrometheusMetrics() first.");
        }

        return endpoints.MapGet(pattern, WriteAsync).WithDisplayName("AutoScaling metrics");
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var metrics = context.RequestServices.GetRequiredService<PrometheusMetricsCollector>();
        context.Response.ContentType = PrometheusMetricsCollector.ContentType;
        metrics.WriteTo(context.Response.BodyWriter);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
