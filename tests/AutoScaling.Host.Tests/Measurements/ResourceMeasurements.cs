using System.Globalization;
using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Host.Tests.Measurements;

/// <summary>
/// Opt-in (AUTOSCALING_MEASURE=1; scripts/measure/resources.sh): the autoscaler executable's CPU and RSS while it manages
/// 10 containers on the real dockerd behind a real haproxy, at a 1 s interval, in steady state under a light load.
/// Bounded: 90 s to settle, 10 s of warm-up, 60 s measured (AUTOSCALING_MEASURE_SECONDS). Writes resources-10-containers-*.md.
/// </summary>
[Trait("Category", "Measure")]
public sealed class ResourceMeasurements(ITestOutputHelper output)
{
    private const int Containers = 10;

    [SkippableTheory]
    [InlineData(nameof(MetricPath.HAProxyStats), 17440)]
    [InlineData(nameof(MetricPath.Prometheus), 17460)]
    public async Task Cpu_and_rss_with_10_containers(string path, int portStart)
    {
        var metric = Enum.Parse<MetricPath>(path);
        Skip.IfNot(ReactionMeasurements.Enabled, "an opt-in measurement: set AUTOSCALING_MEASURE=1 (scripts/measure/resources.sh)");
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALING_MEASURE_SECONDS"), out var s) ? s : 60;
        await using var stack = await MeasuredStack.StartAsync(new StackSettings(metric, TimeSpan.FromSeconds(1), Containers, Containers, portStart, portStart + 19));
        Assert.True(
            await Tools.WaitUntilAsync(async () => (await stack.ServersAsync()).Count(x => x.Up) == Containers, TimeSpan.FromSeconds(90)),
            $"the group did not reach {Containers} routed containers\n{stack.Host.Output}");
        await using var load = new SteppedLoad(stack.Frontend, 50);
        await Task.Delay(TimeSpan.FromSeconds(10));

        var pid = stack.Host.Pid;
        var ticks0 = CpuTicks(pid);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var ticks1 = CpuTicks(pid);
        var wall = clock.Elapsed.TotalSeconds;
        var (rss, peak) = Memory(pid);
        Assert.Equal(Containers, (await DockerStackTests.OwnedContainersAsync(stack.Owner)).Count);

        var cpu = (ticks1 - ticks0) / 100.0 / wall * 100; // USER_HZ is 100 on Linux
        var report = new MeasurementReport($"The autoscaler managing {Containers} containers: {metric} metric, 1 s interval, HAProxy router")
            .Line("- " + ReactionMeasurements.Machine)
            .Line(string.Create(CultureInfo.InvariantCulture, $"- load 50 req/s through haproxy: {load.Sent} sent, {load.Failed} failed ({load.Failures})"))
            .Line(string.Create(CultureInfo.InvariantCulture, $"- CPU {cpu:F2} % of one core over {wall:F1} s (utime + stime); RSS {rss / 1024.0:F1} MB (peak {peak / 1024.0:F1} MB)"));
        output.WriteLine(report.ToString());
        output.WriteLine("written to " + report.Write($"resources-10-containers-{metric.ToString().ToLowerInvariant()}.md"));
    }

    private static long CpuTicks(int pid)
    {
        // /proc/PID/stat: the command may hold spaces; fields after ')' start at state (field 3): utime is 14, stime 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static (long RssKb, long PeakKb) Memory(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return (rss, peak);
    }
}
