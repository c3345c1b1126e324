using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.AspNetCore.Tests;

/// <summary>The group view carries the forecasting policies' forecasts and accuracy, and leaves them out for other groups.</summary>
public sealed class ForecastViewTests
{
    [Fact]
    public async Task Group_view_shows_the_predictive_policy_forecast()
    {
        await using var host = await ApiHost.StartAsync(configure: b => b.Services.AddAutoScaling().AddScalingGroup("predict", g => g
            .Configure(o => o.MinInstances = 0)
            .UseInMemoryInstances()
            .UseMetric("rps", () => 120)
            .UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 100; })
            .UsePredictive(p => { p.Metric = "rps"; p.TargetPerInstance = 100; p.Mode = Policies.PredictiveMode.ForecastOnly; })));
        using var client = host.Client();

        using var response = await client.GetAsync("/autoscaling/groups/predict");
        var group = await ControlApiTests.Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forecast = Assert.Single(group.GetProperty("forecasts").EnumerateArray().ToList());
        Assert.Equal("rps", forecast.GetProperty("metric").GetString());
        Assert.True(forecast.GetProperty("forecastOnly").GetBoolean());
        Assert.False(forecast.GetProperty("ready").GetBoolean()); // less than a day of history
        Assert.Equal(0, forecast.GetProperty("scored").GetInt64());
        Assert.False(forecast.TryGetProperty("mapePercent", out _)); // nothing scored yet: null, left out

        using var web = await client.GetAsync("/autoscaling/groups/web");
        Assert.False((await ControlApiTests.Json(web)).TryGetProperty("forecasts", out _));
    }
}
