using AutoScaling.Policies;
using AutoScaling.Simulation.Tests.Traces;

namespace AutoScaling.Simulation.Tests.Forecasting;

/// <summary>The predictive policy in the simulator: ForecastOnly changes nothing, the hybrid looks ahead of slow start-ups.</summary>
public class PredictiveSimulationTests
{
    private static readonly SimulationOptions Vm = new() { CapacityPerInstance = 100, StartupDelay = TimeSpan.FromMinutes(5) };

    /// <summary>Eight days of a business-day cycle in one-minute buckets: 200 req/s at night, a 20-minute ramp at 08:00 to 1,800 req/s, down again at 18:00.</summary>
    private static LoadTrace Daily()
    {
        var seconds = new double[8 * 1440];
        var rates = new double[seconds.Length];
        for (var i = 0; i < seconds.Length; i++)
        {
            seconds[i] = i * 60;
            var minute = i % 1440;
            var ramp = Math.Clamp((minute - 480) / 20.0, 0, 1) - Math.Clamp((minute - 1080) / 20.0, 0, 1);
            rates[i] = 200 + (1600 * ramp);
        }

        return LoadTrace.FromSeries("daily", seconds, rates);
    }

    private static ScalingGroupOptions Group() => new() { MinInstances = 1, MaxInstances = 50, Interval = TimeSpan.FromMinutes(1), InstanceStartTimeout = TimeSpan.FromMinutes(10) };

    [Fact]
    public void Forecast_only_never_changes_what_the_group_does()
    {
        var trace = Daily();
        var alone = new SimulationSeries();
        var withForecast = new SimulationSeries();
        var tt = new Simulator("g", Group(), [PolicyPresets.Create(PolicyPresets.TargetTracking, Vm)!], Vm).Run(trace, alone);
        var predictive = new PredictivePolicy(new PredictivePolicyOptions { Metric = Vm.MetricName, TargetPerInstance = 70, StartupTime = Vm.StartupDelay, Mode = PredictiveMode.ForecastOnly });
        var both = new Simulator("g", Group(), [PolicyPresets.Create(PolicyPresets.TargetTracking, Vm)!, predictive], Vm).Run(trace, withForecast);

        Assert.Equal(tt, both);
        Assert.Equal(alone.Points.ToArray(), withForecast.Points.ToArray());
        Assert.True(predictive.GetForecast().Ready);
    }

    [Fact]
    public void Hybrid_is_short_less_often_than_target_tracking_with_slow_start_ups()
    {
        var trace = Daily();
        var tt = new Simulator("g", Group(), PolicyPresets.CreateAll(PolicyPresets.TargetTracking, Vm)!, Vm).Run(trace);
        var hybrid = new Simulator("g", Group(), PolicyPresets.CreateAll(PolicyPresets.Hybrid, Vm)!, Vm).Run(trace);

        // Day 1 is the warm-up, when both act alike; on days 2–8 the hybrid has the capacity up before the rise.
        Assert.True(hybrid.TauU < tt.TauU / 2, $"hybrid τU {hybrid.TauU:F2} %, target tracking {tt.TauU:F2} %");
        Assert.True(hybrid.InstanceHours < tt.InstanceHours * 1.15, $"hybrid {hybrid.InstanceHours:F1} h, target tracking {tt.InstanceHours:F1} h");
    }

    [SkippableFact]
    public void World_cup_forecast_at_ten_minutes_is_within_twenty_percent()
    {
        var trace = LoadTrace.Load(SharedTraces.Require("worldcup98_0625_0627_1min.csv"));
        var status = ForecastBacktest.Run(trace, new PredictivePolicyOptions { Metric = "rps", TargetPerInstance = 1, StartupTime = TimeSpan.FromMinutes(10), Buffer = TimeSpan.Zero }, TimeSpan.FromMinutes(1));

        // Day 1 trains, day 2 is scored: 288 five-minute buckets less the horizon.
        Assert.InRange(status.Scored, 280, 288);
        Assert.InRange(status.MapePercent!.Value, 0, 20);
        Assert.InRange(status.CoveragePercent!.Value, 80, 100);
    }
}
