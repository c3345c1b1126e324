using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Load.Tests;

/// <summary>An in-process Kestrel on 127.0.0.1 (a free port): <c>/</c> 200, <c>/slow</c> after 1 s, <c>/fail</c> 500; it counts what it received.</summary>
public sealed class TestServer : IAsyncLifetime
{
    private WebApplication? _app;
    private int _received;

    public int Received => Volatile.Read(ref _received);

    public string Url(string path = "/") => new Uri(new Uri(_app!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), path).ToString();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _received);
            await next(context);
        });
        _app.MapGet("/", () => "ok");
        _app.MapGet("/slow", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            return "slow";
        });
        _app.MapGet("/fail", () => Results.StatusCode(500));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
