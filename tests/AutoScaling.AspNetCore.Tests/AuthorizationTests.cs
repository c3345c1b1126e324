using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using static AutoScaling.AspNetCore.Tests.ControlApiTests;

namespace AutoScaling.AspNetCore.Tests;

/// <summary>Secured by default: reads and writes have their own policies; opting out is explicit and logged; a missing policy stops the start.</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private static readonly (string Method, string Path, bool Write)[] Endpoints =
    [
        ("GET", "/autoscaling/groups", false),
        ("GET", "/autoscaling/groups/web", false),
        ("GET", "/autoscaling/groups/web/events", false),
        ("GET", "/autoscaling/groups/web/stream", false),
        ("GET", "/autoscaling/ui", false),
        ("POST", "/autoscaling/groups/web/scale", true),
        ("DELETE", "/autoscaling/groups/web/scale", true),
        ("POST", "/autoscaling/groups/web/pause", true),
        ("POST", "/autoscaling/groups/web/resume", true),
        ("POST", "/autoscaling/groups/web/evaluate", true),
    ];

    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_endpoint_answers_401_without_credentials_and_403_to_a_reader_on_writes()
    {
        using var anonymous = _host.Client(apiKey: null);
        using var wrongKey = _host.Client(apiKey: "not-a-key");
        using var reader = _host.Client(ApiHost.ReaderKey);
        foreach (var (method, path, write) in Endpoints)
        {
            using (var response = await Send(anonymous, method, path))
            {
                await Problem(response, HttpStatusCode.Unauthorized);
            }

            using (var response = await Send(wrongKey, method, path))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.DoesNotContain("not-a-key", body, StringComparison.Ordinal);
            }

            using (var response = await Send(reader, method, path))
            {
                if (write)
                {
                    await Problem(response, HttpStatusCode.Forbidden);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }
        }
    }

    [Fact]
    public async Task Without_a_policy_the_host_does_not_start_and_says_which_field()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiHost.StartAsync(api: _ => { }));

        Assert.Contains("ReadPolicy is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAnonymous", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_explicit_opt_out_opens_the_api_and_logs_a_warning()
    {
        await using var host = await ApiHost.StartAsync(api: o => o.AllowAnonymous = true, configure: b => b.Services.AddFakeLogging());
        using var anonymous = host.Client(apiKey: null);

        using var response = await anonymous.PostAsync("/autoscaling/groups/web/pause", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Level == LogLevel.Warning && r.Category == "AutoScaling.AspNetCore.ControlApi").Select(r => r.Message).ToList();
        Assert.Contains(warnings, m => m.Contains("at /autoscaling is open to anyone", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains("at /autoscaling/ui is open to anyone", StringComparison.Ordinal)); // the dashboard too
    }

    [Fact]
    public async Task A_health_threshold_below_one_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ApiHost.StartAsync(configure: b => b.Services.AddHealthChecks().AddAutoScaling(h => h.FailedTicksThreshold = 0)));

        Assert.Contains("FailedTicksThreshold must be at least 1 (value: 0)", error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST" && path.EndsWith("/scale", StringComparison.Ordinal))
        {
            request.Content = Body("{\"target\": 1}");
        }

        // The stream never ends by itself: headers are enough to see the status.
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
