using AutoScaling.Controller;
using AutoScaling.InMemory;
using AutoScaling.Simulation;
using AutoScaling.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling.Simulation.Tests.Running;

/// <summary>A custom policy, unchanged, decides the same in the real controller (in-memory instances, manual clock) and in the simulator.</summary>
public class ControllerEquivalenceTests
{
    private static readonly double[] Load = [50, 120, 380, 610, 640, 900, 870, 300, 280, 90, 60, 60, 500, 1_000, 1_100, 400, 120, 80, 700, 20];

    [Fact]
    public async Task A_custom_policy_decides_the_same_in_the_controller_and_in_the_simulator()
    {
        var trace = Scenarios.Minutes(Load);
        var policy = new HysteresisPolicy();

        var simulated = new SimulationSeries();
        new Simulator("web", Group(), [policy], Scenarios.Instant(o =>
        {
            o.StartupDelay = TimeSpan.FromSeconds(10);
            o.DrainTime = TimeSpan.Zero;
            o.InitialInstances = 0; // the controller starts from an empty in-memory store
        })).Run(trace, simulated);

        var controlled = await RunControllerAsync(trace, policy);

        var expected = simulated.Points.ToArray().Select(p => (p.Seconds, p.Active, p.Desired, p.Reason)).ToArray();
        Assert.Equal(expected, controlled);
        Assert.Contains(expected, p => p.Reason == ScalingReason.CooldownDown); // the cooldown shaped some decisions
        Assert.True(expected.Select(p => p.Active).Distinct().Count() > 4, "the group should move through several sizes");
    }

    private static ScalingGroupOptions Group(ScalingGroupOptions? into = null)
    {
        var o = into ?? new ScalingGroupOptions();
        o.MinInstances = 1;
        o.MaxInstances = 12;
        o.Interval = TimeSpan.FromSeconds(60);
        o.InstanceCheckInterval = TimeSpan.FromSeconds(1);
        o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(120);
        o.ScaleDown.Cooldown = TimeSpan.FromSeconds(150);
        return o;
    }

    private static async Task<(double, int, int, ScalingReason)[]> RunControllerAsync(LoadTrace trace, IScalingPolicy policy)
    {
        var start = DateTimeOffset.UnixEpoch;
        var time = new ManualTimeProvider(start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging();
        services.AddAutoScaling().AddScalingGroup("web", g => g
            .Configure(o => Group(o))
            .UseInMemoryInstances(i => i.StartupDelay = TimeSpan.FromSeconds(10))
            .UseMetric("rps", () => trace.RateAt(Math.Min(trace.Count - 1, (int)((time.GetUtcNow() - start).TotalSeconds / 60))))
            .UsePolicy(_ => policy, "rps"));
        await using var provider = services.BuildServiceProvider();
        var controller = provider.GetRequiredService<ScalingGroupRegistry>().Get("web");

        var points = new List<(double, int, int, ScalingReason)>();
        for (var t = 0; t < trace.End; t += 60)
        {
            time.Advance(start.AddSeconds(t) - time.GetUtcNow());
            var active = controller.Group.Status.Count(InstanceState.Active);
            var decision = await TickAsync(controller, time);
            points.Add((t, active, decision.DesiredInstances, decision.Reason));
        }

        return [.. points];
    }

    /// <summary>Runs one tick, moving the manual clock by a second whenever the controller waits on it.</summary>
    private static async Task<ScalingDecision> TickAsync(ScalingGroupController controller, ManualTimeProvider time)
    {
        var task = controller.TickAsync(CancellationToken.None);
        var started = System.Diagnostics.Stopwatch.StartNew();

        // Bounded in real time, not in turns: on a busy machine the tick's continuations may need many turns to arm a timer.
        while (!task.IsCompleted && started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (time.ArmedTimers > 0)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
            else
            {
                await Task.Yield();
            }
        }

        return (await task.WaitAsync(TimeSpan.FromSeconds(5))) ?? throw new InvalidOperationException("The tick could not list the instances.");
    }

    /// <summary>A user's policy: up at 80 req/s per instance, down only below 40, then to 60 per instance.</summary>
    private sealed class HysteresisPolicy : IScalingPolicy
    {
        public ScalingRecommendation Recommend(in ScalingContext context)
        {
            var current = context.CurrentInstances;
            var sample = context.GetSample("rps");
            if (!sample.IsValid)
            {
                return ScalingRecommendation.NoData(current);
            }

            var perInstance = sample.Value / Math.Max(1, context.ReadyInstances);
            return perInstance > 80 ? ScalingRecommendation.To((int)Math.Ceiling(sample.Value / 80), current)
                : perInstance < 40 ? ScalingRecommendation.To(Math.Max(1, (int)Math.Ceiling(sample.Value / 60)), current)
                : ScalingRecommendation.WithinTolerance(current);
        }
    }
}
