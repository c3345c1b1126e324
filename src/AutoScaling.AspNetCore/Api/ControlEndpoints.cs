using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling.AspNetCore;

/// <summary>The control API's handlers: plain request delegates over <see cref="IAutoScalingControl"/>, source-generated JSON, Problem Details for every error.</summary>
internal static class ControlEndpoints
{
    public const string Tag = "AutoScaling";

    public static void Map(IEndpointRouteBuilder reads, IEndpointRouteBuilder writes)
    {
        reads.Map("GET", "groups", ListAsync).WithName("AutoScalingListGroups").WithSummary("Every group's state.")
            .Returns<GroupView[]>();
        reads.Map("GET", "groups/{name}", GetAsync).WithName("AutoScalingGetGroup").WithSummary("A group's state: counts, instances, samples, last decision, cooldowns.")
            .Returns<GroupView>().Fails(StatusCodes.Status404NotFound);
        reads.Map("GET", "groups/{name}/events", EventsAsync).WithName("AutoScalingGetEvents").WithSummary("The recent scaling events, oldest first, with reasons and outcomes.")
            .Returns<EventView[]>().Fails(StatusCodes.Status404NotFound);
        reads.Map("GET", "groups/{name}/stream", StreamAsync).WithName("AutoScalingStream").WithSummary("Server-sent events: status (first), decision, scaling.")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, null, ["text/event-stream"])).Fails(StatusCodes.Status404NotFound);
        writes.Map("POST", "groups/{name}/scale", ScaleAsync).WithName("AutoScalingScale").WithSummary("Sets a manual target and waits while the group moves to it, step by step.")
            .WithMetadata(new AcceptsMetadata(["application/json"], typeof(ScaleRequest))).Returns<GroupView>().Returns<GroupView>(StatusCodes.Status202Accepted)
            .Fails(StatusCodes.Status400BadRequest).Fails(StatusCodes.Status404NotFound)
            .Fails(StatusCodes.Status409Conflict).Fails(StatusCodes.Status415UnsupportedMediaType);
        writes.Map("DELETE", "groups/{name}/scale", ClearTargetAsync).WithName("AutoScalingClearTarget").WithSummary("Clears the manual target: the policies decide again.")
            .Returns<GroupView>().Fails(StatusCodes.Status404NotFound);
        writes.Map("POST", "groups/{name}/pause", PauseAsync).WithName("AutoScalingPause").WithSummary("Pauses the group: it is evaluated and reported, its count does not change.")
            .Returns<GroupView>().Fails(StatusCodes.Status404NotFound);
        writes.Map("POST", "groups/{name}/resume", ResumeAsync).WithName("AutoScalingResume").WithSummary("Resumes a paused group.")
            .Returns<GroupView>().Fails(StatusCodes.Status404NotFound);
        writes.Map("POST", "groups/{name}/evaluate", EvaluateAsync).WithName("AutoScalingEvaluate").WithSummary("Evaluates the group now and answers with the decision.")
            .Returns<EvaluationView>().Returns<GroupView>(StatusCodes.Status202Accepted).Fails(StatusCodes.Status404NotFound);
    }

    /// <summary>Maps a request delegate (no reflection, AOT-safe) and lists its method, so OpenAPI describes it.</summary>
    private static IEndpointConventionBuilder Map(this IEndpointRouteBuilder endpoints, string method, string pattern, RequestDelegate handler)
        => endpoints.MapMethods(pattern, [method], handler).WithMetadata(handler.Method);

    private static IEndpointConventionBuilder Returns<T>(this IEndpointConventionBuilder builder, int status = StatusCodes.Status200OK)
        => builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(T), ["application/json"]));

    private static IEndpointConventionBuilder Fails(this IEndpointConventionBuilder builder, int status)
        => builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));

    private static Task ListAsync(HttpContext context)
    {
        var control = context.RequestServices.GetRequiredService<IAutoScalingControl>();
        var names = control.GroupNames;
        var views = new GroupView[names.Count];
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = GroupView.From(control.GetStatus(names[i]));
        }

        return WriteAsync(context, views, ApiJsonContext.Default.GroupViewArray);
    }

    private static Task GetAsync(HttpContext context)
        => Find(context, out var control, out var name) is { } missing ? missing : WriteAsync(context, GroupView.From(control.GetStatus(name)), ApiJsonContext.Default.GroupView);

    private static Task EventsAsync(HttpContext context)
    {
        if (Find(context, out var control, out var name) is { } missing)
        {
            return missing;
        }

        var events = control.GetEvents(name);
        var views = new EventView[events.Count];
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = EventView.Of(events[i]);
        }

        return WriteAsync(context, views, ApiJsonContext.Default.EventViewArray);
    }

    private static Task PauseAsync(HttpContext context) => Operate(context, static (c, n) => c.Pause(n));

    private static Task ResumeAsync(HttpContext context) => Operate(context, static (c, n) => c.Resume(n));

    private static Task ClearTargetAsync(HttpContext context) => Operate(context, static (c, n) => c.SetManualTarget(n, null));

    private static async Task ScaleAsync(HttpContext context)
    {
        if (Find(context, out var control, out var name) is { } missing)
        {
            await missing.ConfigureAwait(false);
            return;
        }

        ScaleRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync(ApiJsonContext.Default.ScaleRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await Problems.MalformedBody(context, ex.Message).ConfigureAwait(false);
            return;
        }

        var status = control.GetStatus(name);
        if (request is null)
        {
            await Problems.MalformedBody(context, "the body is null; send {\"target\": n}.").ConfigureAwait(false);
            return;
        }

        if (status.DryRun)
        {
            await Problems.DryRun(context, name).ConfigureAwait(false);
            return;
        }

        try
        {
            var after = await Bounded(context, control.ScaleAsync(name, request.Target, context.RequestAborted)).ConfigureAwait(false);
            await WriteAsync(context, GroupView.From(after), ApiJsonContext.Default.GroupView).ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException)
        {
            await Problems.OutOfBounds(context, name, request.Target, status.MinInstances, status.MaxInstances).ConfigureAwait(false);
        }
        catch (ScalingOperationConflictException ex)
        {
            await Problems.Conflict(context, name, ex.Message).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await WriteAsync(context, GroupView.From(control.GetStatus(name)), ApiJsonContext.Default.GroupView, StatusCodes.Status202Accepted).ConfigureAwait(false);
        }
    }

    private static async Task EvaluateAsync(HttpContext context)
    {
        if (Find(context, out var control, out var name) is { } missing)
        {
            await missing.ConfigureAwait(false);
            return;
        }

        try
        {
            var decision = await Bounded(context, control.EvaluateNowAsync(name, context.RequestAborted)).ConfigureAwait(false);
            var view = decision is { } d ? new DecisionView(d.CurrentInstances, d.DesiredInstances, d.RecommendedInstances, d.Reason, d.IsDryRun) : null;
            await WriteAsync(context, new EvaluationView(view, GroupView.From(control.GetStatus(name))), ApiJsonContext.Default.EvaluationView).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await WriteAsync(context, GroupView.From(control.GetStatus(name)), ApiJsonContext.Default.GroupView, StatusCodes.Status202Accepted).ConfigureAwait(false);
        }
    }

    /// <summary>Server-sent events: the group's state first, then every update until the client goes away.</summary>
    private static async Task StreamAsync(HttpContext context)
    {
        if (Find(context, out var control, out var name) is { } missing)
        {
            await missing.ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var aborted = context.RequestAborted;
        try
        {
            // The watch begins with the group's state (a "status" event), taken after subscribing.
            await foreach (var update in control.WatchAsync(name, aborted).ConfigureAwait(false))
            {
                var view = GroupView.From(update.Status);
                await (update.Kind switch
                {
                    ScalingUpdateKind.Event => SendAsync(response, "scaling", EventView.Of(update.Event!), ApiJsonContext.Default.EventView, aborted),
                    ScalingUpdateKind.Decision => SendAsync(response, "decision", view, ApiJsonContext.Default.GroupView, aborted),
                    _ => SendAsync(response, "status", view, ApiJsonContext.Default.GroupView, aborted),
                }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away
        }
    }

    private static async Task SendAsync<T>(HttpResponse response, string name, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        // JSON has no raw newline, so one data line carries the whole value.
        var json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var writer = response.BodyWriter;
        writer.Write("event: "u8);
        writer.Write(System.Text.Encoding.UTF8.GetBytes(name));
        writer.Write("\ndata: "u8);
        writer.Write(json);
        writer.Write("\n\n"u8);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task Operate(HttpContext context, Action<IAutoScalingControl, string> operation)
    {
        if (Find(context, out var control, out var name) is { } missing)
        {
            await missing.ConfigureAwait(false);
            return;
        }

        operation(control, name);
        await WriteAsync(context, GroupView.From(control.GetStatus(name)), ApiJsonContext.Default.GroupView).ConfigureAwait(false);
    }

    /// <summary>Resolves the route's group; returns the 404 answer when there is none.</summary>
    private static Task? Find(HttpContext context, out IAutoScalingControl control, out string name)
    {
        control = context.RequestServices.GetRequiredService<IAutoScalingControl>();
        name = context.Request.RouteValues["name"] as string ?? string.Empty;
        foreach (var known in control.GroupNames)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return Problems.UnknownGroup(context, name, control.GroupNames);
    }

    /// <summary>Waits at most <see cref="AutoScalingApiOptions.OperationTimeout"/> (on the host's clock); the operation itself runs on.</summary>
    private static Task<T> Bounded<T>(HttpContext context, Task<T> operation)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<AutoScalingApiOptions>>().Value;
        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        return operation.WaitAsync(options.OperationTimeout, time, context.RequestAborted);
    }

    private static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, cancellationToken: context.RequestAborted);
    }
}
