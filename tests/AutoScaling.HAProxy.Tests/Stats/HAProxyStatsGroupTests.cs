using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScaling.HAProxy.Tests;

/// <summary>A running group composed as the ready-made host composes it: it scales out on sessions read from a real haproxy.</summary>
public sealed class HAProxyStatsGroupTests(StatsFixture fixture) : IClassFixture<StatsFixture>
{
    [SkippableFact]
    public async Task A_group_scales_out_on_sessions_held_in_haproxy()
    {
        Tools.Require();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
            .Configure(o => { o.MinInstances = 1; o.MaxInstances = 4; o.Interval = TimeSpan.FromMilliseconds(250); })
            .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.Zero)
            .UseHAProxyStats("sessions", s => { s.SocketPath = fixture.HAProxy.SocketPath; s.Backend = "stats"; s.Statistic = HAProxyStatistic.CurrentSessions; })
            .UseTargetTracking(t => { t.Metric = "sessions"; t.TargetPerInstance = 1; }));
        using var host = builder.Build();
        await host.StartAsync();
        var control = host.Services.GetRequiredService<IAutoScalingControl>();
        try
        {
            var held = Enumerable.Range(0, 3).Select(_ => Http.GetAsync(fixture.Port, "/cgi-bin/slow?4")).ToList();
            await Http.UntilAsync(() => Task.FromResult(control.GetStatus("web").Count(InstanceState.Active) >= 3), "three instances for three sessions", 8);
            var status = control.GetStatus("web");
            Assert.True(status.Metrics["sessions"].IsValid, status.Metrics["sessions"].ToString());
            await Task.WhenAll(held);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
