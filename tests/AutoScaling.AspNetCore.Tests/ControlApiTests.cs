using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AutoScaling.AspNetCore.Tests;

/// <summary>Every endpoint and every error of the control API, on a real Kestrel on 127.0.0.1.</summary>
public sealed class ControlApiTests : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync();
        _client = _host.Client();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Get_groups_lists_every_group_with_its_state()
    {
        using var response = await _client.GetAsync("/autoscaling/groups");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var groups = (await Json(response)).EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);
        Assert.Equal(["broken", "fallback", "shadow", "web"], groups.Keys.Order());
        Assert.True(groups["shadow"].GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Get_group_shows_counts_samples_decision_cooldowns_and_operator_settings()
    {
        using var response = await _client.GetAsync("/autoscaling/groups/web");

        var web = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, web.GetProperty("currentInstances").GetInt32());
        Assert.Equal(5, web.GetProperty("maxInstances").GetInt32());
        Assert.Equal(0, web.GetProperty("instancesByState").GetProperty("active").GetInt32());
        Assert.Equal(42, web.GetProperty("metrics").GetProperty("load").GetProperty("value").GetDouble());
        Assert.Equal("Valid", web.GetProperty("metrics").GetProperty("load").GetProperty("status").GetString());
        Assert.Equal("NoChange", web.GetProperty("lastDecision").GetProperty("reason").GetString());
        Assert.Equal(0, web.GetProperty("scaleUpCooldownRemainingSeconds").GetDouble());
        Assert.False(web.GetProperty("paused").GetBoolean());
        Assert.False(web.TryGetProperty("manualTarget", out _)); // null is left out
    }

    [Theory]
    [InlineData("GET", "/autoscaling/groups/nope")]
    [InlineData("GET", "/autoscaling/groups/nope/events")]
    [InlineData("GET", "/autoscaling/groups/nope/stream")]
    [InlineData("POST", "/autoscaling/groups/nope/scale")]
    [InlineData("DELETE", "/autoscaling/groups/nope/scale")]
    [InlineData("POST", "/autoscaling/groups/nope/pause")]
    [InlineData("POST", "/autoscaling/groups/nope/resume")]
    [InlineData("POST", "/autoscaling/groups/nope/evaluate")]
    public async Task An_unknown_group_is_a_404_problem_naming_it(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body("{\"target\": 1}") };

        using var response = await _client.SendAsync(request);

        var problem = await Problem(response, HttpStatusCode.NotFound);
        Assert.Contains("'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("nope", problem.GetProperty("group").GetString());
    }

    [Fact]
    public async Task Scale_moves_the_group_to_the_target_and_events_show_the_outcome()
    {
        using var response = await _host.AdvanceUntil(_client.PostAsync("/autoscaling/groups/web/scale", Body("{\"target\": 3}")));

        var web = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, web.GetProperty("manualTarget").GetInt32());
        Assert.Equal(3, web.GetProperty("instancesByState").GetProperty("active").GetInt32());
        Assert.False(web.GetProperty("operationInProgress").GetBoolean());

        using var events = await _client.GetAsync("/autoscaling/groups/web/events");
        var last = (await Json(events)).EnumerateArray().Last();
        Assert.Equal(("ManualTarget", "Succeeded", 3), (last.GetProperty("reason").GetString(), last.GetProperty("outcome").GetString(), last.GetProperty("reached").GetInt32()));

        using var cleared = await _client.DeleteAsync("/autoscaling/groups/web/scale");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.False((await Json(cleared)).TryGetProperty("manualTarget", out _));
    }

    [Theory]
    [InlineData(6, "[0, 5]")]
    [InlineData(-1, "[0, 5]")]
    public async Task A_target_outside_the_bounds_is_a_400_naming_them(int target, string bounds)
    {
        using var response = await _client.PostAsync("/autoscaling/groups/web/scale", Body($"{{\"target\": {target}}}"));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains(bounds, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(5, problem.GetProperty("maxInstances").GetInt32());
    }

    [Theory]
    [InlineData("{\"target\": ", "LineNumber")]
    [InlineData("{\"target\": \"three\"}", "$.target")]
    [InlineData("{}", "target")]
    [InlineData("", "JSON")]
    [InlineData("null", "null")]
    public async Task A_malformed_body_is_a_400_saying_what_is_wrong(string body, string named)
    {
        using var response = await _client.PostAsync("/autoscaling/groups/web/scale", Body(body));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        using var response = await _client.PostAsync("/autoscaling/groups/web/scale", new StringContent("target=3", Encoding.UTF8, "application/x-www-form-urlencoded"));

        // Routing refuses it (the endpoint accepts application/json only); status code pages make it a problem document.
        await Problem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_group_in_dry_run_says_so_when_asked_to_scale()
    {
        using var response = await _client.PostAsync("/autoscaling/groups/shadow/scale", Body("{\"target\": 1}"));

        var problem = await Problem(response, HttpStatusCode.Conflict);
        Assert.Contains("dry run", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Concurrent_scale_requests_one_wins_the_rest_get_409()
    {
        var requests = Enumerable.Range(1, 5).Select(_ => _client.PostAsync("/autoscaling/groups/web/scale", Body("{\"target\": 2}"))).ToArray();
        // The winner waits for its instances, which start only as the clock moves: every other request meets it running.
        await Eventually.Until(() => requests.Count(r => r.IsCompleted) == 4);

        var losers = requests.Where(r => r.IsCompleted).Select(r => r.Result).ToArray();
        foreach (var loser in losers)
        {
            var problem = await Problem(loser, HttpStatusCode.Conflict);
            Assert.Contains("another operation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var winner = await _host.AdvanceUntil(requests.Single(r => !r.IsCompleted));
        Assert.Equal(HttpStatusCode.OK, winner.StatusCode);
        Assert.Equal(2, (await Json(winner)).GetProperty("instancesByState").GetProperty("active").GetInt32());
        foreach (var loser in losers)
        {
            loser.Dispose();
        }
    }

    [Fact]
    public async Task Pause_and_resume_change_the_group()
    {
        using var paused = await _client.PostAsync("/autoscaling/groups/web/pause", null);
        Assert.True((await Json(paused)).GetProperty("paused").GetBoolean());

        using var evaluated = await _client.PostAsync("/autoscaling/groups/web/evaluate", null);
        Assert.Equal("Paused", (await Json(evaluated)).GetProperty("decision").GetProperty("reason").GetString());

        using var resumed = await _client.PostAsync("/autoscaling/groups/web/resume", null);
        Assert.False((await Json(resumed)).GetProperty("paused").GetBoolean());
    }

    [Fact]
    public async Task Evaluate_answers_with_the_decision_of_a_new_evaluation()
    {
        var before = _host.Services.GetRequiredService<IAutoScalingControl>().GetStatus("web").LastEvaluatedAt;
        _host.Time.Advance(TimeSpan.FromSeconds(1)); // less than the interval: only the request evaluates

        using var response = await _client.PostAsync("/autoscaling/groups/web/evaluate", null);

        var body = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("NoChange", body.GetProperty("decision").GetProperty("reason").GetString());
        Assert.True(body.GetProperty("group").GetProperty("lastEvaluatedAt").GetDateTimeOffset() > before);
    }

    [Fact]
    public async Task The_stream_sends_the_state_then_a_decision()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/autoscaling/groups/web/stream");
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var (first, state) = await NextEvent(reader, cts.Token);
        Assert.Equal("status", first);
        Assert.Equal("web", state.GetProperty("name").GetString());

        // The state was taken after subscribing, so the decision of one evaluation asked for now reaches the stream
        // (state changes of that evaluation may come before it).
        using (await _client.PostAsync("/autoscaling/groups/web/evaluate", null, cts.Token))
        {
        }

        var seen = new List<string>();
        while (seen.Count < 10 && !seen.Contains("decision"))
        {
            var (name, data) = await NextEvent(reader, cts.Token);
            seen.Add(name);
            if (name == "decision")
            {
                Assert.Equal("NoChange", data.GetProperty("lastDecision").GetProperty("reason").GetString());
            }
        }

        Assert.Contains("decision", seen);
    }

    [Fact]
    public async Task Health_checks_report_each_group_healthy_degraded_or_unhealthy()
    {
        // 'broken' has failed once (its first evaluation); two more make three in a row.
        using (await _client.PostAsync("/autoscaling/groups/broken/evaluate", null))
        using (await _client.PostAsync("/autoscaling/groups/broken/evaluate", null))
        {
        }

        var report = await _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["autoscaling:web"].Status);
        Assert.Equal(HealthStatus.Degraded, report.Entries["autoscaling:fallback"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["autoscaling:broken"].Status);
        Assert.Contains("3 evaluations in a row", report.Entries["autoscaling:broken"].Description, StringComparison.Ordinal);
        using var health = await _host.Client(apiKey: null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");

        var paths = (await Json(response)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/autoscaling/groups/{name}/scale", out var scale));
        Assert.True(scale.TryGetProperty("post", out _));
        Assert.True(scale.TryGetProperty("delete", out _));
        Assert.True(paths.TryGetProperty("/autoscaling/groups", out _));
        Assert.Equal(9, paths.EnumerateObject().Sum(p => p.Value.EnumerateObject().Count()));
        Assert.True(scale.GetProperty("post").TryGetProperty("requestBody", out _));
    }

    internal static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    internal static async Task<JsonElement> Json(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    internal static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    private static async Task<(string Name, JsonElement Data)> NextEvent(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return (name!, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }

        throw new EndOfStreamException();
    }
}
