using AutoScaling.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AutoScaling control API and its dashboard.</summary>
public static class AutoScalingEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the control API under <paramref name="prefix"/>: <c>GET groups</c>, <c>GET groups/{name}</c>, <c>GET groups/{name}/events</c>,
    /// <c>GET groups/{name}/stream</c> (server-sent events), <c>POST|DELETE groups/{name}/scale</c>, <c>POST groups/{name}/pause</c>,
    /// <c>POST groups/{name}/resume</c>, <c>POST groups/{name}/evaluate</c>. Reads require <see cref="AutoScalingApiOptions.ReadPolicy"/>,
    /// writes <see cref="AutoScalingApiOptions.WritePolicy"/>; with <see cref="AutoScalingApiOptions.AllowAnonymous"/> a warning is logged.
    /// Register it first with <c>services.AddAutoScaling().AddControlApi(...)</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the <c>WebApplication</c>).</param>
    /// <param name="prefix">The route prefix; <c>/autoscaling</c> by default.</param>
    /// <returns>A builder to add conventions to every endpoint of the API.</returns>
    public static IEndpointConventionBuilder MapAutoScaling(this IEndpointRouteBuilder endpoints, string prefix = "/autoscaling")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var api = endpoints.MapGroup(prefix).WithTags(ControlEndpoints.Tag);
        var (reads, writes) = Secure(endpoints, api, prefix);
        ControlEndpoints.Map(reads, writes);
        return api;
    }

    /// <summary>
    /// Maps the dashboard, one self-contained page (no CDN) that shows the groups live from the API's stream and calls
    /// the API for pause, resume and scale, under the same authorization. Requires <see cref="MapAutoScaling"/>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder (the <c>WebApplication</c>).</param>
    /// <param name="pattern">The page's route; <c>/autoscaling/ui</c> by default.</param>
    /// <param name="apiPrefix">Where <see cref="MapAutoScaling"/> mapped the API; <c>/autoscaling</c> by default.</param>
    /// <returns>A builder to add conventions to the page's endpoint.</returns>
    public static IEndpointConventionBuilder MapAutoScalingDashboard(this IEndpointRouteBuilder endpoints, string pattern = "/autoscaling/ui", string apiPrefix = "/autoscaling")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var page = Dashboard.Page(apiPrefix);
        var group = endpoints.MapGroup(pattern);
        var (reads, _) = Secure(endpoints, group, pattern);
        reads.MapGet(string.Empty, (RequestDelegate)(context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.Body.WriteAsync(page, context.RequestAborted).AsTask();
        })).WithName("AutoScalingDashboard").ExcludeFromDescription();
        return group;
    }

    private static (IEndpointRouteBuilder Reads, IEndpointRouteBuilder Writes) Secure(IEndpointRouteBuilder endpoints, RouteGroupBuilder group, string prefix)
    {
        var options = endpoints.ServiceProvider.GetService<IOptions<AutoScalingApiOptions>>()?.Value
            ?? throw new InvalidOperationException("The AutoScaling control API is not registered: call services.AddAutoScaling().AddControlApi(o => o.ReadPolicy = \"...\") first.");
        if (options.AllowAnonymous)
        {
            group.AllowAnonymous();
            var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("AutoScaling.AspNetCore.ControlApi");
            Log.Anonymous(logger, prefix);
            return (group, group);
        }

        var reads = group.MapGroup(string.Empty).RequireAuthorization(options.ReadPolicy!);
        var writes = group.MapGroup(string.Empty).RequireAuthorization(options.WritePolicy ?? options.ReadPolicy!);
        return (reads, writes);
    }
}
