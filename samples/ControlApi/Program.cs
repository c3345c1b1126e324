// A host with one in-memory group, the control API, the dashboard, health checks and the OpenAPI document, on 127.0.0.1:5080.
// Keys come from the environment: ControlApi__ReaderKey and ControlApi__OperatorKey. With neither set, the API is open
// (AllowAnonymous, for local use) and a warning is logged at start.
using AutoScaling;
using ControlApi;

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
var readerKey = builder.Configuration["ControlApi:ReaderKey"];
var operatorKey = builder.Configuration["ControlApi:OperatorKey"];
var secured = !string.IsNullOrEmpty(readerKey) || !string.IsNullOrEmpty(operatorKey);
if (secured)
{
    builder.Services.AddApiKeyPolicies(readerKey, operatorKey);
}

builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddAutoScaling(h => h.FailedTicksThreshold = 3);

// A load that rises and falls every ten minutes: 20 to 100 requests per second.
var started = TimeProvider.System.GetTimestamp();
double Load() => 60 + (40 * Math.Sin(TimeProvider.System.GetElapsedTime(started).TotalMinutes / 10 * 2 * Math.PI));

builder.Services.AddAutoScaling()
    .AddControlApi(o =>
    {
        if (secured)
        {
            o.ReadPolicy = "autoscaling.read";
            o.WritePolicy = "autoscaling.write";
        }
        else
        {
            o.AllowAnonymous = true;
        }
    })
    .AddScalingGroup("web", g => g
        .Configure(o =>
        {
            o.MinInstances = 1;
            o.MaxInstances = 10;
            o.Interval = TimeSpan.FromSeconds(5);
            o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(30);
        })
        .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.FromSeconds(2))
        .UseMetric("rps", Load)
        .UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 10; }));

var app = builder.Build();
app.UseStatusCodePages(); // 401, 403, 415 from the framework as Problem Details too
if (secured)
{
    app.UseAuthentication();
    app.UseAuthorization();
}

app.MapAutoScaling("/autoscaling");
app.MapAutoScalingDashboard("/autoscaling/ui");
app.MapHealthChecks("/health");
app.MapOpenApi();
app.Run();
