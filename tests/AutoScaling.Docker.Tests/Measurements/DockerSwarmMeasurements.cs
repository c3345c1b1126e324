using System.Diagnostics;
using System.Globalization;
using AutoScaling.Docker.Tests.Swarm;
using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Docker.Tests.Measurements;

/// <summary>Measures a swarm scale 1 → 5 until all five tasks are running, three rounds (bounded). Writes docker-swarm-measure.md.</summary>
[Trait("Category", "Measure")]
[Collection(SwarmTests.Name)]
public sealed class DockerSwarmMeasurements(SwarmFixture swarm, ITestOutputHelper output) : IAsyncLifetime
{
    private const int BasePort = 18470;
    private string? _service;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await SwarmFixture.RemoveServiceAsync(_service);
        }
    }

    [SkippableFact]
    public async Task Scale_1_to_5_time_to_all_running()
    {
        await DockerTestEnvironment.RequireAsync();
        AutoScaling.Testing.Component.Require(swarm.Missing is null, swarm.Missing ?? string.Empty);
        _service = await swarm.CreateServiceAsync(BasePort);
        using var provider = new DockerSwarmServiceProvider("measure", new DockerSwarmServiceOptions
        {
            DockerHost = DockerTestEnvironment.Socket,
            Service = _service,
            BasePort = BasePort,
            MaxReplicas = 5,
            StopGracePeriod = TimeSpan.FromSeconds(2),
        });
        await provider.ProvisionAsync(CancellationToken.None);
        await DockerSwarmServiceProviderTests.WaitAllActiveAsync(provider, 1);
        var rounds = new List<double>();
        var answering = new List<double>();

        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            await provider.ScaleByAsync(+4, CancellationToken.None);
            var all = await DockerSwarmServiceProviderTests.WaitAllActiveAsync(provider, 5);
            rounds.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var instance in all)
            {
                Assert.Equal("ok", (await DockerTestEnvironment.GetEventuallyAsync(instance.Address!)).Trim());
            }

            answering.Add(clock.Elapsed.TotalMilliseconds);

            await provider.ScaleByAsync(-4, CancellationToken.None);
            await DockerSwarmServiceProviderTests.WaitAllActiveAsync(provider, 1);
            await SwarmFixture.WaitContainersAsync(_service, 1); // the removed tasks' containers are gone: their ports are free
        }

        var report = new MeasurementReport("Docker Swarm: measured on a single-node loopback swarm")
            .Line(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, host-network service, busybox httpd on BasePort+slot"))
            .Line(string.Empty)
            .Series("scale 1 → 5 (service update) until all 5 tasks are running", rounds)
            .Series("scale 1 → 5 until all 5 answer HTTP (no health check on the service)", answering);
        output.WriteLine(report.ToString());
        output.WriteLine("written to " + report.Write("docker-swarm-measure.md"));
    }
}
