using System.Diagnostics;
using Xunit.Abstractions;

namespace AutoScaling.Nginx.Tests;

/// <summary>The cost of one change, measured on a real nginx (the meter's durations), and what a drain waits for.</summary>
[Collection(MeasuredGroup.Name)]
public sealed class ReloadAndDrainTests(NginxFixture fixture, ITestOutputHelper output) : IClassFixture<NginxFixture>, IAsyncLifetime
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.ResetAsync();

    [SkippableFact]
    public async Task Several_registrations_in_one_call_cost_one_reload()
    {
        NginxFixture.Require();
        var instances = new List<ScalingInstance>();
        for (var i = 0; i < 3; i++)
        {
            var (id, backend) = await fixture.Instances.StartAsync();
            instances.Add(new ScalingInstance(id, backend.Address, InstanceState.Active, DateTimeOffset.UtcNow));
        }

        var reloads = 0;
        using (NginxMeasurements.Listen((name, _, _) => reloads += name == "autoscaling.nginx.reload.duration" ? 1 : 0))
        {
            await fixture.Router().RegisterAsync(instances, CancellationToken.None);
        }

        Assert.Equal(1, reloads);
        Assert.Equal(3, (await fixture.Router().ListAsync(CancellationToken.None)).Count);
    }

    /// <summary>
    /// A drain ends when the old workers have finished the request in flight (a 2 s CGI) and exited: the request is
    /// answered, and the drain lasts about as long as what was left of it. 10 rounds; the durations are reported.
    /// </summary>
    [SkippableFact]
    public async Task A_drain_waits_for_the_request_in_flight_and_it_is_answered()
    {
        NginxFixture.Require();
        var router = fixture.Router();
        var reloads = new List<double>();
        var drains = new List<double>();
        using var listener = NginxMeasurements.Listen((name, seconds, _) => (name == "autoscaling.nginx.reload.duration" ? reloads : drains).Add(seconds * 1000));
        for (var round = 0; round < 10; round++)
        {
            var (id, backend) = await fixture.Instances.StartAsync();
            await router.RegisterAsync([new ScalingInstance(id, backend.Address, InstanceState.Active, DateTimeOffset.UtcNow)], CancellationToken.None);
            var sent = Stopwatch.StartNew();
            var slow = s_http.GetStringAsync(new Uri($"http://127.0.0.1:{fixture.Port}/cgi-bin/slow?2"));
            Assert.True(await AutoScaling.Testing.Tools.WaitUntilAsync(() => Task.FromResult(backend.IsServing), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10)), "the slow request did not reach the backend");

            var clock = Stopwatch.StartNew();
            await router.DrainAsync(await router.ListAsync(CancellationToken.None), CancellationToken.None);
            var drained = clock.Elapsed;

            // The answer exists no earlier than 2 s after the request was sent (the CGI sleeps 2 s), and the old worker
            // exits right after relaying it (the client may read it a moment later): a drain that waits ends after that.
            var answeredNoEarlier = sent.Elapsed;
            Assert.True(answeredNoEarlier >= TimeSpan.FromSeconds(2), $"the drain ended {answeredNoEarlier.TotalMilliseconds:F0} ms after the 2 s request was sent (it took {drained.TotalMilliseconds:F0} ms): it did not wait for the request in flight");
            Assert.Equal($"{id} slow", (await slow.WaitAsync(TimeSpan.FromSeconds(5))).Trim());
            await router.DeregisterAsync(await router.ListAsync(CancellationToken.None), CancellationToken.None);
            fixture.Instances.Stop(id);
        }

        var report = $"""
            NGINX single changes (10 rounds, 1 server, 2 workers, no other traffic):
            reload ms (write + nginx -t + SIGHUP until new workers serve): {ZeroDroppedRequestsTests.Describe(reloads)}
            drain ms with a 2 s request in flight, sent once the backend serves it (reload until the old workers exited): {ZeroDroppedRequestsTests.Describe(drains)}
            """;
        output.WriteLine(report);
        Console.WriteLine(report);
        if (Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } runDir && Directory.Exists(runDir))
        {
            await File.WriteAllTextAsync(Path.Combine(runDir, "nginx-reload-drain.txt"), report + "\n");
        }
    }
}
