using System.Globalization;
using System.Text.Json;
using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.Measurements;

/// <summary>
/// Opt-in (AUTOSCALING_MEASURE=1; scripts/measure/reaction.sh): the autoscaler executable's reaction to a load step on
/// real dockerd, haproxy and prometheus, 5 runs per set-up, each split into metric delay, decision, container start and
/// registration. Bounded: 5 runs, each at most 60 s to react and 90 s to scale back in. Writes reaction-*.md.
/// </summary>
[Trait("Category", "Measure")]
public sealed class ReactionMeasurements(ITestOutputHelper output)
{
    private const int Runs = 5;
    private const double BaseRate = 5;
    private const double StepRate = 60;

    /// <summary>Gets a value indicating whether the opt-in measurements run (AUTOSCALING_MEASURE=1).</summary>
    internal static bool Enabled => Environment.GetEnvironmentVariable("AUTOSCALING_MEASURE") == "1";

    internal static string Machine => string.Create(
        CultureInfo.InvariantCulture,
        $"{DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, framework-dependent autoscaler (dotnet, JIT)");

    [SkippableFact]
    public Task HAProxyStats_at_250_ms()
        => MeasureAsync("reaction-haproxystats.md", new StackSettings(MetricPath.HAProxyStats, TimeSpan.FromMilliseconds(250), 1, 2, 17400, 17419) { TargetPerInstance = 20, CheckInterval = CheckInterval });

    [SkippableFact]
    public Task Prometheus_at_1_s()
        => MeasureAsync("reaction-prometheus.md", new StackSettings(MetricPath.Prometheus, TimeSpan.FromSeconds(1), 1, 2, 17420, 17439) { TargetPerInstance = 20, CheckInterval = CheckInterval });

    /// <summary>haproxy's check interval for new servers: AUTOSCALING_MEASURE_CHECK_MS, else the router's default (1 s).</summary>
    private static TimeSpan CheckInterval => int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALING_MEASURE_CHECK_MS"), out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(1);

    private async Task MeasureAsync(string file, StackSettings settings)
    {
        Skip.IfNot(Enabled, "an opt-in measurement: set AUTOSCALING_MEASURE=1 (scripts/measure/reaction.sh)");
        await using var stack = await MeasuredStack.StartAsync(settings);
        Assert.True(
            await Tools.WaitUntilAsync(async () => (await stack.ServersAsync()) is [{ Up: true }] && await MetricValidAsync(stack), TimeSpan.FromSeconds(90)),
            "the group did not settle at one routed instance with a valid metric\n" + stack.Host.Output);
        await using var load = new SteppedLoad(stack.Frontend, BaseRate);
        await Task.Delay(TimeSpan.FromSeconds(5)); // the rate settles at the base load

        var threshold = settings.TargetPerInstance * 1.1; // one instance; the default tolerance is 10 %
        var runs = new List<ReactionRun>();
        var discarded = 0;
        for (var attempt = 0; runs.Count < Runs && attempt < Runs + 3; attempt++)
        {
            if (await ReactionRun.MeasureAsync(stack, load, BaseRate, StepRate, threshold) is not { } run)
            {
                discarded++;
                output.WriteLine("discarded: a new instance came without a sample over the threshold (a replacement)");
                continue;
            }

            if (stack.Prometheus is not null)
            {
                run = run with { Scraped = await FirstScrapeAfterAsync(stack.Prometheus, run.Step) };
            }

            runs.Add(run);
            output.WriteLine(Describe(run));
            output.WriteLine($"  load so far: {load.Sent} sent, {load.Failed} failed ({load.Failures}); samples: {string.Join(" | ", run.Trace)}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.True(runs.Count == Runs, $"{discarded} runs discarded, {runs.Count} measured\n{stack.Host.Output}");

        var report = new MeasurementReport($"Reaction to a load step ({BaseRate} → {StepRate} req/s, {settings.TargetPerInstance} req/s per instance): {settings.Metric} at a {settings.Interval.TotalMilliseconds} ms interval")
            .Line("- " + Machine)
            .Line(string.Create(CultureInfo.InvariantCulture, $"- haproxy check interval of new servers {settings.CheckInterval.TotalMilliseconds} ms; readiness probe TCP; maxconn 8 per server; requests {load.Sent} sent, {load.Ok} ok, {load.Failed} failed ({load.Failures}); {discarded} runs discarded"))
            .Line("- haproxy: " + await stack.BackendErrorsAsync() + " (servers removed at scale-in take their own counts with them)")
            .Line(string.Empty)
            .Series("total: step → first request answered by the new container", [.. runs.Select(r => r.Total)])
            .Series("total without dockerd's start (created → running): the autoscaler's and haproxy's share", [.. runs.Select(r => r.Total - ReactionRun.Ms(r.Created, r.Started))])
            .Series("metric delay: step → the sample the autoscaler read shows it", [.. runs.Select(r => ReactionRun.Ms(r.Step, r.Metric))]);
        if (stack.Prometheus is not null)
        {
            report.Series("  of which: step → first scrape of haproxy after it", [.. runs.Select(r => ReactionRun.Ms(r.Step, r.Scraped ?? r.Metric))]);
        }

        report
            .Series("decision: sample → scale-out decided (event time)", [.. runs.Select(r => ReactionRun.Ms(r.Metric, r.Decision))])
            .Series("container start: decision → running (dockerd's StartedAt)", [.. runs.Select(r => ReactionRun.Ms(r.Decision, r.Started))])
            .Series("  of which: decision → created (dockerd's Created)", [.. runs.Select(r => ReactionRun.Ms(r.Decision, r.Created))])
            .Series("registration: running → first request answered by it", [.. runs.Select(r => ReactionRun.Ms(r.Started, r.Answered))])
            .Series("  of which: running → server added in haproxy (seen ≤ 20 ms late)", [.. runs.Select(r => ReactionRun.Ms(r.Started, r.Added))])
            .Series("  of which: added → server up in haproxy (first check passed)", [.. runs.Select(r => ReactionRun.Ms(r.Added, r.Up))])
            .Series("  of which: up → first answer through the frontend", [.. runs.Select(r => ReactionRun.Ms(r.Up, r.Answered))]);
        output.WriteLine(report.ToString());
        output.WriteLine("written to " + report.Write(file));
    }

    private static string Describe(ReactionRun r) => string.Create(
        CultureInfo.InvariantCulture,
        $"run: total {r.Total:F0} ms; metric {ReactionRun.Ms(r.Step, r.Metric):F0}, decision {ReactionRun.Ms(r.Metric, r.Decision):F0}, created {ReactionRun.Ms(r.Decision, r.Created):F0}, started {ReactionRun.Ms(r.Decision, r.Started):F0}, added {ReactionRun.Ms(r.Started, r.Added):F0}, up {ReactionRun.Ms(r.Added, r.Up):F0}, answered {ReactionRun.Ms(r.Up, r.Answered):F0}");

    private static async Task<bool> MetricValidAsync(MeasuredStack stack)
        => (await stack.GroupAsync()).GetProperty("metrics").GetProperty("rps").GetProperty("status").GetString() == "Valid";

    /// <summary>The timestamp of prometheus's first scrape of haproxy's request counter after <paramref name="step"/>.</summary>
    private static async Task<DateTimeOffset?> FirstScrapeAfterAsync(PrometheusServer prometheus, DateTimeOffset step)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var query = Uri.EscapeDataString("haproxy_backend_http_requests_total{proxy=\"web\"}[2m]");
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(prometheus.Address, "api/v1/query?query=" + query)));
        foreach (var series in json.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            foreach (var point in series.GetProperty("values").EnumerateArray())
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(point[0].GetDouble() * 1000));
                if (at >= step)
                {
                    return at;
                }
            }
        }

        return null;
    }
}
