using System.Diagnostics;
using System.Globalization;
using System.Text;
using AutoScaling.Forecasting;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Prometheus.Tests;

/// <summary>A day of a series backfilled with promtool into a real prometheus, then loaded back through UsePrometheusHistory.</summary>
public sealed class PrometheusHistoryTests
{
    private const int Port = 19530;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [SkippableFact]
    public async Task A_backfilled_day_is_loaded_back_point_for_point()
    {
        Component.Require(PrometheusServer.Binary is not null, PrometheusServer.HowToInstall);
        var promtool = Path.Combine(Path.GetDirectoryName(PrometheusServer.Binary!)!, "promtool");
        Component.Require(File.Exists(promtool), "promtool is not installed (it comes with the prometheus Debian package)");
        using var prometheus = await PrometheusServer.StartAsync(Port);

        // 288 points, one per 5 minutes, ending half an hour before now (aligned to the step); values 100..387.
        var now = DateTimeOffset.UtcNow;
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Step.Ticks), TimeSpan.Zero) - TimeSpan.FromMinutes(30);
        var written = Enumerable.Range(0, 288).Select(i => (Time: end - (Step * (287 - i)), Value: 100.0 + i)).ToArray();
        var file = Path.Combine(prometheus.Directory, "history.om");
        var text = new StringBuilder("# TYPE history_test_rps gauge\n");
        foreach (var (time, value) in written)
        {
            text.Append(CultureInfo.InvariantCulture, $"history_test_rps {value} {time.ToUnixTimeSeconds()}\n");
        }

        await File.WriteAllTextAsync(file, text.Append("# EOF\n").ToString());
        var info = new ProcessStartInfo(promtool, ["tsdb", "create-blocks-from", "openmetrics", file, Path.Combine(prometheus.Directory, "data")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var tool = Process.Start(info)!)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var error = tool.StandardError.ReadToEndAsync(cts.Token);
            _ = await tool.StandardOutput.ReadToEndAsync(cts.Token);
            await tool.WaitForExitAsync(cts.Token);
            Assert.True(tool.ExitCode == 0, await error);
        }

        await prometheus.RestartAsync(TimeSpan.Zero); // the new blocks are read at start

        var services = new ServiceCollection();
        services.AddAutoScaling().AddScalingGroup("web", g => g.UsePrometheusHistory("rps", h =>
        {
            h.Server = prometheus.Address;
            h.Query = "history_test_rps";
            h.Lookback = TimeSpan.FromDays(1);
            h.Step = Step;
        }));
        using var provider = services.BuildServiceProvider();
        var registration = Assert.Single(provider.GetServices<MetricHistoryRegistration>());
        var loaded = await registration.Factory(provider).LoadAsync("web", "rps", now, CancellationToken.None);

        var byTime = loaded.ToDictionary(p => p.Timestamp, p => p.Value);
        var start = end + TimeSpan.FromMinutes(30) - TimeSpan.FromDays(1);
        var expected = written.Where(p => p.Time >= start).ToArray();
        Assert.True(expected.Length > 270, $"{expected.Length} points in range");
        Assert.All(expected, p => Assert.Equal(p.Value, byTime[p.Time]));
        Assert.Equal(loaded.OrderBy(p => p.Timestamp), loaded); // time order
        Assert.InRange(loaded.Count, expected.Length, expected.Length + 1); // + the last value, still fresh 5 minutes on
    }

    [Fact]
    public void Options_name_the_field_and_the_value()
    {
        var failures = PrometheusHistoryOptionsValidator.Validate("web", "rps", new PrometheusHistoryOptions
        {
            Query = " ",
            Lookback = TimeSpan.FromDays(30),
            Step = TimeSpan.FromMinutes(1),
            MaxPoints = 20_000,
        }).Failures;

        Assert.Contains(failures, f => f.Contains("Query", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MaxPoints", StringComparison.Ordinal) && f.Contains("20000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Lookback", StringComparison.Ordinal) && f.Contains("30.00:00:00", StringComparison.Ordinal));
    }
}
