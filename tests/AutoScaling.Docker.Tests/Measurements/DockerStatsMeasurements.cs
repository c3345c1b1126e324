using System.Diagnostics;
using AutoScaling.Testing;
using Docker.DotNet.Models;
using Xunit.Abstractions;

namespace AutoScaling.Docker.Tests.Measurements;

/// <summary>
/// Measures one evaluation of a CPU and a memory metric (group value and per instance) over 4 real idle containers:
/// one-shot stats, 4 in parallel, shared by both metrics. Bounded: 20 evaluations. Writes docker-stats-measure.md.
/// </summary>
[Trait("Category", "Measure")]
public sealed class DockerStatsMeasurements(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Containers = 4;
    private const int Evaluations = 20;
    private readonly string _group = DockerTestEnvironment.NewGroup("statsmeasure");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => DockerTestEnvironment.RemoveGroupAsync(_group);

    [SkippableFact]
    public async Task Evaluation_time_of_cpu_and_memory_over_four_containers()
    {
        await DockerTestEnvironment.RequireAsync();
        var instances = new List<ScalingInstance>();
        for (var i = 0; i < Containers; i++)
        {
            var port = 18461 + i;
            var id = await DockerTestEnvironment.Client.CreateContainerAsync(
                new CreateContainerParameters
                {
                    Image = DockerTestEnvironment.Image,
                    Cmd = ["sleep", "60"],
                    Labels = new Dictionary<string, string> { [ContainerLabels.Group] = _group, [ContainerLabels.Owner] = DockerTestEnvironment.Owner, [ContainerLabels.Port] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    HostConfig = new HostConfig { NetworkMode = "host", Init = true },
                },
                CancellationToken.None);
            await DockerTestEnvironment.Client.StartContainerAsync(id, CancellationToken.None);
            instances.Add(new ScalingInstance(id, $"127.0.0.1:{port}", InstanceState.Active, DateTimeOffset.UtcNow));
        }

        using var readers = new DockerStatsReaders(TimeProvider.System);
        var options = new DockerStatsOptions { DockerHost = DockerTestEnvironment.Socket, OwnerId = DockerTestEnvironment.Owner, RequestTimeout = TimeSpan.FromSeconds(20) };
        var cpu = new DockerStatsSource(readers.Get(_group, options), DockerStatistic.CpuPercent, TimeProvider.System);
        var memory = new DockerStatsSource(readers.Get(_group, options), DockerStatistic.MemoryPercent, TimeProvider.System);
        var samples = new MetricSample[Containers];
        var times = new List<double>();
        for (var i = 0; i < Evaluations; i++)
        {
            var clock = Stopwatch.StartNew();
            var context = new MetricReadContext(_group, "cpu", Containers);
            await cpu.ReadAsync(context, default);
            await cpu.ReadInstancesAsync(context, instances, samples, default);
            var used = await memory.ReadAsync(context, default);
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.True(used.IsValid, used.ToString());
            await Task.Delay(250);
        }

        Assert.All(samples, s => Assert.True(s.IsValid, s.ToString()));
        var report = new MeasurementReport("UseDockerStats: one evaluation (CPU group + per instance + memory group), 4 idle containers")
            .Line($"- machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end")
            .Series("evaluation", times);
        output.WriteLine(report.ToString());
        output.WriteLine(report.Write("docker-stats-measure.md"));
    }
}
