using AutoScaling.Controller;
using AutoScaling.InMemory;
using AutoScaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Core.Tests.Policies.Predictive;

/// <summary>A configuration reload rebuilds the group's policies: the predictive one keeps what it learned, or has its history loaded again.</summary>
public sealed class HistoryReloadTests
{
    private const string Predictive = "AutoScaling:Groups:web:Policies:1:";

    [Fact]
    public async Task A_reload_that_keeps_the_model_keeps_what_it_learned_without_loading_again()
    {
        var loader = new CountingHistory();
        using var h = Build(loader, out var controller, out var configuration);
        await TwoTicksAsync(controller);
        Assert.Equal(1, loader.Loads);
        var before = Forecast(controller);
        Assert.True(before.Ready);

        // A new target and mode: the model's settings are the same.
        configuration[Predictive + "TargetPerInstance"] = "20";
        configuration[Predictive + "Mode"] = "ForecastOnly";
        Reload(controller, configuration);
        await TickAsync(controller);

        var after = Forecast(controller);
        Assert.True(after.ForecastOnly); // the new policy is in force
        Assert.True(after.Ready);
        Assert.Equal(1, loader.Loads);
        Assert.InRange(after.Value!.Value, 0.9 * before.Value!.Value, 1.1 * before.Value.Value);
    }

    [Fact]
    public async Task A_reload_that_changes_the_model_loads_the_history_again()
    {
        var loader = new CountingHistory();
        using var h = Build(loader, out var controller, out var configuration);
        await TwoTicksAsync(controller);

        configuration[Predictive + "Bucket"] = "00:10:00";
        Reload(controller, configuration);
        await TickAsync(controller);

        Assert.Equal(2, loader.Loads);
        Assert.True(Forecast(controller).Ready);
    }

    [Fact]
    public async Task Without_a_history_source_a_kept_model_stays_ready()
    {
        using var h = Build(null, out var controller, out var configuration);
        for (var i = 0; i < (24 * 60) + 10; i++)
        {
            await TickAsync(controller);
        }

        Assert.True(Forecast(controller).Ready);
        configuration[Predictive + "TargetPerInstance"] = "20";
        Reload(controller, configuration);
        await TickAsync(controller);

        Assert.True(Forecast(controller).Ready); // not another day of warm-up
    }

    private static ForecastStatus Forecast(ScalingGroupController controller) => Assert.Single(controller.Group.Status.Forecasts);

    private static Task<ScalingDecision?> TickAsync(ScalingGroupController controller)
    {
        ((ManualTimeProvider)controller.Group.Time).Advance(TimeSpan.FromMinutes(1));
        return controller.TickAsync(CancellationToken.None);
    }

    private static async Task TwoTicksAsync(ScalingGroupController controller)
    {
        await TickAsync(controller); // from nothing to the minimum
        await TickAsync(controller);
    }

    private static void Reload(ScalingGroupController controller, IConfigurationRoot configuration)
    {
        configuration.Reload();
        Assert.True(controller.Reloader!.IsPending);
    }

    private static ServiceProvider Build(IMetricHistorySource? history, out ScalingGroupController controller, out IConfigurationRoot configuration)
    {
        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AutoScaling:Groups:web:MaxInstances"] = "100",
            ["AutoScaling:Groups:web:Interval"] = "00:01:00",
            ["AutoScaling:Groups:web:Policies:0:Type"] = "TargetTracking",
            ["AutoScaling:Groups:web:Policies:0:Metric"] = "rps",
            ["AutoScaling:Groups:web:Policies:0:TargetPerInstance"] = "10",
            [Predictive + "Type"] = "Predictive",
            [Predictive + "Metric"] = "rps",
            [Predictive + "TargetPerInstance"] = "10",
            [Predictive + "StartupTime"] = "00:10:00",
            [Predictive + "Buffer"] = "00:05:00",
        }).Build();
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 8, 11, 45, 0, TimeSpan.Zero));
        var rps = new SettableMetricSource(time);
        rps.Set(100);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddAutoScaling().AddScalingGroup("web", configuration.GetSection("AutoScaling:Groups:web"), g =>
        {
            g.UseMetric("rps", rps).UseInMemoryInstances(i => i.StartupDelay = TimeSpan.Zero);
            if (history is not null)
            {
                g.UseMetricHistory("rps", _ => history);
            }
        });
        var provider = services.BuildServiceProvider();
        controller = provider.GetRequiredService<ScalingGroupRegistry>().Get("web");
        return provider;
    }

    /// <summary>Two days of 100 req/s with 400 from 12:00 to 13:00, one point a minute; counts the loads.</summary>
    private sealed class CountingHistory : IMetricHistorySource
    {
        public int Loads { get; private set; }

        public Task<IReadOnlyList<MetricHistoryPoint>> LoadAsync(string groupName, string metricName, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Loads++;
            var points = new List<MetricHistoryPoint>();
            for (var t = now - TimeSpan.FromDays(2); t < now; t += TimeSpan.FromMinutes(1))
            {
                points.Add(new MetricHistoryPoint(t, t.Hour == 12 ? 400 : 100));
            }

            return Task.FromResult<IReadOnlyList<MetricHistoryPoint>>(points);
        }
    }
}
