using System.Diagnostics;
using System.Globalization;
using AutoScaling.Testing;
using Xunit.Abstractions;

namespace AutoScaling.Docker.Tests.Measurements;

/// <summary>
/// Measures, against the real dockerd: Provision → container answering HTTP (20 starts, p50/p95), and stop + remove.
/// Bounded: 20 containers, each step bounded by the provider's timeouts. Writes docker-containers-measure.md.
/// </summary>
[Trait("Category", "Measure")]
public sealed class DockerContainerMeasurements(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Starts = 20;
    private readonly string _group = DockerTestEnvironment.NewGroup("measure");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => DockerTestEnvironment.RemoveGroupAsync(_group);

    [SkippableFact]
    public async Task Provision_to_http_and_stop_times()
    {
        await DockerTestEnvironment.RequireAsync();
        using var provider = new DockerContainerProvider(_group, DockerTestEnvironment.HttpdOptions(18300, 18329, o =>
        {
            o.Probe = ReadinessProbeKind.Tcp;
            o.StopGracePeriod = TimeSpan.FromSeconds(5);
        }));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(5) };
        var provision = new List<double>();
        var toHttp = new List<double>();
        var stop = new List<double>();
        var instances = new List<ScalingInstance>();

        for (var i = 0; i < Starts; i++)
        {
            var clock = Stopwatch.StartNew();
            var instance = await DockerTestEnvironment.ProvisionUntilAsync(provider);
            provision.Add(clock.Elapsed.TotalMilliseconds);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var body = await http.GetStringAsync(new Uri($"http://{instance.Address}/"));
                    Assert.Equal("ok", body.Trim());
                    break;
                }
                catch (HttpRequestException) when (attempt < 200)
                {
                    await Task.Delay(5);
                }
            }

            toHttp.Add(clock.Elapsed.TotalMilliseconds);
            instances.Add(instance);
        }

        foreach (var instance in instances)
        {
            var clock = Stopwatch.StartNew();
            await provider.DecommissionAsync(instance, CancellationToken.None);
            stop.Add(clock.Elapsed.TotalMilliseconds);
        }

        Assert.Empty(await provider.ListAsync(CancellationToken.None));

        // Baseline: the same container spec, created and started through the client directly (no waiting, no probe).
        var create = new List<double>();
        var start = new List<double>();
        var options = DockerTestEnvironment.HttpdOptions(18330, 18349);
        for (var i = 0; i < Starts; i++)
        {
            var port = 18330 + i;
            var clock = Stopwatch.StartNew();
            var id = await provider.Client.CreateContainerAsync(ContainerSpec.Create(options, _group, "baseline", port), CancellationToken.None);
            create.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await provider.Client.StartContainerAsync(id, CancellationToken.None);
            start.Add(clock.Elapsed.TotalMilliseconds);
            await provider.Client.RemoveContainerAsync(id, CancellationToken.None);
        }

        var report = new MeasurementReport("Docker containers: measured against the real dockerd")
            .Line(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:u}, {Environment.ProcessorCount} cores, image {DockerTestEnvironment.Image}, busybox httpd, host network, Init=true, TCP probe"))
            .Line(string.Empty)
            .Series("ProvisionAsync + listing until active (create + start + running + probe)", provision)
            .Series("Provision → first HTTP 200 from the container", toHttp)
            .Series("DecommissionAsync (stop with SIGTERM + remove)", stop)
            .Series("baseline: POST /containers/create alone", create)
            .Series("baseline: POST /containers/{id}/start alone", start);
        output.WriteLine(report.ToString());
        output.WriteLine("written to " + report.Write("docker-containers-measure.md"));
    }
}
