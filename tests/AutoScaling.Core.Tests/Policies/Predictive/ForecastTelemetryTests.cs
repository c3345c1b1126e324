using System.Diagnostics.Metrics;
using AutoScaling.InMemory;
using AutoScaling.Policies;
using AutoScaling.Tests.Controller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace AutoScaling.Core.Tests.Policies.Predictive;

public class ForecastTelemetryTests
{
    [Fact]
    public async Task Status_and_instruments_carry_the_forecast_and_its_accuracy()
    {
        var rps = new SettableMetricSource();
        rps.Set(100);
        using var h = GroupHarness.Create(g => g
            .UseMetric("rps", rps)
            .UsePredictive(p => { p.Metric = "rps"; p.TargetPerInstance = 10; p.Mode = PredictiveMode.ForecastOnly; }));
        var factory = h.Services.GetRequiredService<IMeterFactory>();
        using var mape = new MetricCollector<double>(factory, "AutoScaling", "autoscaling.forecast.mape");
        using var value = new MetricCollector<double>(factory, "AutoScaling", "autoscaling.forecast.value");

        // A day and a half of evaluations every 15 s on the manual clock: warm-up, then forecasts scored.
        for (var i = 0; i < 36 * 240; i++)
        {
            await h.Controller.TickAsync(CancellationToken.None);
            h.Time.Advance(TimeSpan.FromSeconds(15));
        }

        var forecast = Assert.Single(h.Control.GetStatus("web").Forecasts);
        Assert.True(forecast.Ready);
        Assert.Equal(100, forecast.Value!.Value, 6);
        Assert.Equal(0, forecast.MapePercent!.Value, 6);
        Assert.True(forecast.Scored > 100);
        Assert.Equal(0, h.Control.GetStatus("web").LastDecision!.Value.DesiredInstances); // ForecastOnly: min 0, nothing else votes

        mape.RecordObservableInstruments();
        value.RecordObservableInstruments();
        Assert.Equal(0, mape.LastMeasurement!.Value, 6);
        Assert.Equal(100, value.LastMeasurement!.Value, 6);
        Assert.Equal("rps", value.LastMeasurement.Tags["metric"]);
    }
}
