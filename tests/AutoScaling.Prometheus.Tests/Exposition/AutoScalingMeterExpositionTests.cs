using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace AutoScaling.Prometheus.Tests;

/// <summary>
/// The autoscaler's real <c>AutoScaling</c> meter (Core's instruments) exposed by the listener: a running group with a
/// Prometheus metric shows its instances, desired count and decisions, and promtool accepts the text.
/// </summary>
[Collection(PrometheusServerGroup.Name)]
public sealed class AutoScalingMeterExpositionTests(PrometheusFixture fixture, ITestOutputHelper log)
{
    private const int Port = 19513;

    [SkippableFact]
    public async Task Running_group_metrics_are_exposed()
    {
        PrometheusFixture.Require();
        var promtool = Tools.Find("promtool");
        Component.Require(promtool is not null, "promtool is not installed (it comes with prometheus: bash scripts/setup/prometheus.sh)");
        using var host = Host.CreateDefaultBuilder()
            .ConfigureServices(s =>
            {
                s.AddAutoScaling().AddScalingGroup("itest", g => g
                    .Configure(o => { o.MinInstances = 1; o.MaxInstances = 5; o.Interval = TimeSpan.FromMilliseconds(200); })
                    .UsePrometheusMetric("rps", q => { q.Server = fixture.Server; q.Query = "vector(10)"; })
                    .UseFixed(f => f.Instances = 2)
                    .UseInMemoryInstances(o => o.StartupDelay = TimeSpan.FromMilliseconds(100)));
                s.AddAutoScalingPrometheusExporter(o => o.Url = $"http://127.0.0.1:{Port}/metrics");
            })
            .Build();
        await host.StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = string.Empty;

        // Bounded: the group reaches 2 active instances within a few evaluations.
        var reached = await Tools.WaitUntilAsync(
            async () =>
            {
                text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}/metrics"));
                return text.Contains("autoscaling_group_instances{group=\"itest\",state=\"active\"} 2\n", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(20));
        await host.StopAsync();
        log.WriteLine(text);

        Assert.True(reached, text);
        Assert.Contains("# TYPE autoscaling_decisions_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("autoscaling_decisions_total{group=\"itest\",reason=", text, StringComparison.Ordinal);
        Assert.Contains("autoscaling_group_desired_instances{group=\"itest\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE autoscaling_action_duration_seconds histogram\n", text, StringComparison.Ordinal);

        using var check = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(promtool!, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await check.StandardInput.WriteAsync(text);
        check.StandardInput.Close();
        var output = await check.StandardOutput.ReadToEndAsync() + await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, output + "\n" + text);
    }
}
