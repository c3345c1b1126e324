using AutoScaling.Policies;

namespace AutoScaling.Simulation.Tests.Running;

/// <summary>Small groups and traces the tests share.</summary>
internal static class Scenarios
{
    public static LoadTrace Minutes(params double[] rates)
    {
        var seconds = new double[rates.Length];
        for (var i = 0; i < rates.Length; i++)
        {
            seconds[i] = 60 * i;
        }

        return LoadTrace.FromSeries("test", seconds, rates);
    }

    public static ScalingGroupOptions Group(Action<ScalingGroupOptions>? configure = null)
    {
        var o = new ScalingGroupOptions { MinInstances = 1, MaxInstances = 10, Interval = TimeSpan.FromSeconds(60) };
        o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
        configure?.Invoke(o);
        return o;
    }

    public static TargetTrackingPolicy TargetTracking(double target = 100, double tolerance = 0)
        => new(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = target, ToleranceUp = tolerance, ToleranceDown = tolerance });

    public static SimulationOptions Instant(Action<SimulationOptions>? configure = null)
    {
        var o = new SimulationOptions
        {
            CapacityPerInstance = 100,
            StartupDelay = TimeSpan.FromSeconds(30),
            DrainTime = TimeSpan.FromSeconds(10),
            MetricDelay = TimeSpan.Zero,
            RateWindow = TimeSpan.Zero,
        };
        configure?.Invoke(o);
        return o;
    }
}
