using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>
/// The autoscaler scaling through Prometheus (a real prometheus scraping haproxy's exporter every second, <c>rate()</c>
/// over 5 s) loses it for 15 s under a steady load: it holds, and follows the load once Prometheus is back on the same
/// port and data directory. Ports 17120-17139.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class PrometheusOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task Prometheus_stopped_for_15_s_scales_nothing_down_and_the_group_follows_the_load_once_it_is_back()
    {
        await using var stack = await AutoscalerStack.StartAsync(new StackSettings(17120, RpsSource.Prometheus), output);
        var prometheus = stack.Prometheus!;
        Assert.True(await Tools.WaitUntilAsync(() => stack.AgreeAsync(1), TimeSpan.FromSeconds(60)), "the group did not start with 1 routed container: " + await stack.DescribeAsync());

        // 15 req/s at 10 per instance: 2 instances, held by the steady load through the outage.
        using var steady = LoadTool.Start(stack.Frontend, "--rate", "15", "--duration", "120s", "--max-requests", "1900", "--timeout", "10s");
        HostProcess? more = null;
        try
        {
            stack.Timeline.Note("load: 15 req/s");
            Assert.True(
                await Tools.WaitUntilAsync(async () => await stack.AgreeAsync(2) && (await stack.StatusAsync())?.Desired == 2, TimeSpan.FromSeconds(60)),
                "the group did not settle at 2 routed containers under 15 req/s: " + await stack.DescribeAsync());

            stack.Watch.Begin();
            var pid = prometheus.Process.Pid;
            var newPid = await prometheus.RestartAsync(Outage); // SIGKILL by pid; started again after 15 s with the same port and data dir
            stack.Timeline.Note($"prometheus pid {pid} killed; started again after {Outage.TotalSeconds:F0} s as pid {newPid}");

            // Data comes back within a few scrapes; the load has not changed, so the group must still be at 2 after it.
            var back = await Tools.WaitUntilAsync(async () => (await stack.StatusAsync())?.RpsStatus == "Valid", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var seen = stack.Watch.End();
            stack.Timeline.Note($"outage and 5 s after the data came back ({back}): {seen}");
            Assert.True(back, "the metric did not come back after prometheus restarted: " + await stack.DescribeAsync());
            Assert.True(seen.LowestRunning >= 2 && seen.LowestCurrent >= 2, $"the group shrank while the data was missing or right after: {seen}\n{await stack.DescribeAsync()}");
            Assert.True(seen.LowestDesired >= 2, $"a decision asked for fewer instances while the data was missing or right after: {seen}");
            Assert.True(seen.Reasons.Overlaps(["MissingMetrics", "MetricsFailed", "MetricFallback"]), $"the outage never reached the autoscaler's decisions: {seen}");

            // It follows the load again: 15 req/s more is 3 instances.
            more = LoadTool.Start(stack.Frontend, "--rate", "15", "--duration", "60s", "--max-requests", "1000", "--timeout", "10s");
            stack.Timeline.Note("load: 15 req/s more");
            var followed = await Tools.WaitUntilAsync(async () => (await stack.ContainersAsync()).Count(c => c.State == "running") >= 3 && (await stack.StatusAsync())?.Desired >= 3, TimeSpan.FromSeconds(60));
            stack.Timeline.Note($"followed to 3: {followed}");
            Assert.True(followed, "after prometheus came back the group did not follow 30 req/s to 3 instances: " + await stack.DescribeAsync());
            Assert.False(stack.Autoscaler.HasExited, "the autoscaler stopped: " + stack.Autoscaler.Output);
        }
        finally
        {
            stack.Timeline.Note("steady load: " + await LoadTool.StopAsync(steady, TimeSpan.FromSeconds(30)));
            if (more is not null)
            {
                stack.Timeline.Note("added load: " + await LoadTool.StopAsync(more, TimeSpan.FromSeconds(30)));
                more.Dispose();
            }
        }
    }
}
