using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScaling.Tests.Controller;

public class HostedLoopTests
{
    [Fact]
    public async Task Hosted_service_evaluates_at_start_and_every_interval()
    {
        var time = new ManualTimeProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddAutoScaling().AddScalingGroup("web", g => g
            .Configure(o => { o.MinInstances = 0; o.Interval = TimeSpan.FromSeconds(10); })
            .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.Zero)
            .UseFixed(f => f.Instances = 2));

        using var host = builder.Build();
        using var decisions = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), "AutoScaling", "autoscaling.decisions");
        await host.StartAsync();
        var control = host.Services.GetRequiredService<IAutoScalingControl>();
        // The decision is published before the action; the instances after it.
        await WaitFor(() => control.GetStatus("web").Count(InstanceState.Active) == 2);
        var first = control.GetStatus("web").LastEvaluatedAt;
        Assert.NotNull(first);
        Assert.Equal(2, control.GetStatus("web").Count(InstanceState.Active));

        time.Advance(TimeSpan.FromSeconds(10));
        await WaitFor(() => control.GetStatus("web").LastEvaluatedAt > first);
        await host.StopAsync();

        var reasons = decisions.GetMeasurementSnapshot().Select(m => (m.Tags["group"], m.Tags["reason"], m.Value)).ToList();
        Assert.Contains(("web", (object?)"ScaleUp", 1L), reasons);
        Assert.Contains(("web", (object?)"NoChange", 1L), reasons);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
