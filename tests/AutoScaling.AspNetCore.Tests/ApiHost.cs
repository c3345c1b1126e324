using System.Net.Http.Headers;
using AutoScaling.Testing;
using ControlApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoScaling.AspNetCore.Tests;

/// <summary>
/// A real Kestrel on 127.0.0.1 (port 0) with the API, the dashboard, health checks and OpenAPI, secured by API keys,
/// over in-memory groups on a manual clock: <c>web</c> (0..5, instances start in 10 s), <c>shadow</c> (dry run),
/// <c>fallback</c> (a metric that always fails, fallback hold) and <c>broken</c> (a metric that always fails, fallback fail).
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string ReaderKey = "reader-key-0123456789";
    public const string WriterKey = "writer-key-0123456789";

    private readonly WebApplication _app;

    private ApiHost(WebApplication app, ManualTimeProvider time, Uri address)
    {
        _app = app;
        Time = time;
        Address = address;
    }

    public ManualTimeProvider Time { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiHost> StartAsync(Action<AutoScalingApiOptions>? api = null, Action<WebApplicationBuilder>? configure = null)
    {
        var time = new ManualTimeProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddApiKeyPolicies(ReaderKey, WriterKey);
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddAutoScaling(h => h.FailedTicksThreshold = 3);
        var scaling = builder.Services.AddAutoScaling();
        scaling.AddControlApi(api ?? (o =>
        {
            o.ReadPolicy = "autoscaling.read";
            o.WritePolicy = "autoscaling.write";
        }));
        scaling.AddScalingGroup("web", g => g
            .Configure(o =>
            {
                o.MinInstances = 0;
                o.MaxInstances = 5;
                o.MaxInstancesPerStep = 2;
                o.InstanceCheckInterval = TimeSpan.FromSeconds(1);
            })
            .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.FromSeconds(10))
            .UseMetric("load", () => 42)
            .UseFixed(f => f.Instances = 0));
        scaling.AddScalingGroup("shadow", g => g
            .Configure(o => { o.MinInstances = 0; o.DryRun = true; })
            .UseInMemoryInstances()
            .UseFixed(f => f.Instances = 0));
        scaling.AddScalingGroup("fallback", g => g
            .Configure(o => { o.MinInstances = 0; o.Fallback.FailureThreshold = 1; })
            .UseInMemoryInstances()
            .UseMetric("rps", () => throw new InvalidOperationException("the source is down"))
            .UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 10; }));
        scaling.AddScalingGroup("broken", g => g
            .Configure(o => { o.MinInstances = 0; o.Fallback.FailureThreshold = 1; o.Fallback.Behavior = MetricFallbackBehavior.Fail; })
            .UseInMemoryInstances()
            .UseMetric("rps", () => throw new InvalidOperationException("the source is down"))
            .UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 10; }));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseStatusCodePages(); // with AddProblemDetails: 401/403 from the authorization middleware become Problem Details too
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapAutoScaling("/autoscaling");
        app.MapAutoScalingDashboard("/autoscaling/ui");
        app.MapHealthChecks("/health");
        app.MapOpenApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new ApiHost(app, time, new Uri(address));
        var control = app.Services.GetRequiredService<IAutoScalingControl>();
        foreach (var name in control.GroupNames)
        {
            await Eventually.Until(() => control.GetStatus(name).LastEvaluatedAt is not null);
        }

        return host;
    }

    public HttpClient Client(string? apiKey = WriterKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Moves the manual clock a second at a time until <paramref name="task"/> completes, giving the host's threads time to run; bounded.</summary>
    public async Task<T> AdvanceUntil<T>(Task<T> task)
    {
        for (var i = 0; i < 3_000 && !task.IsCompleted; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
