using AutoScaling.Testing;

namespace AutoScaling.Tests.Decision;

public class ZeroAllocationTests
{
    [Fact]
    public void Engine_with_every_built_in_policy_allocates_nothing_over_10000_evaluations_after_warm_up()
    {
        var options = new ScalingGroupOptions { MinInstances = 1, MaxInstances = 50, Interval = TimeSpan.FromSeconds(15) };
        options.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(60);
        options.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(300);
        options.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(4, TimeSpan.FromSeconds(60)));
        options.ScaleUp.Policies.Add(ScalingRatePolicy.Percent(100, TimeSpan.FromSeconds(60)));
        options.ScaleDown.Policies.Add(ScalingRatePolicy.Percent(10, TimeSpan.FromSeconds(60)));
        var engine = new ScalingDecisionEngine(
            "web",
            options,
            BuiltInPolicySet.Metrics,
            BuiltInPolicySet.Create());
        var samples = new MetricSample[3];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var current = 3;
        string[] names = [.. engine.MetricNames];

        void Run(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                var now = start.AddSeconds(i * 15);
                samples[0] = MetricSample.Valid(200 + (i * 37 % 900), now);
                samples[1] = i % 7 == 0 ? MetricSample.Missing(now) : MetricSample.Valid(40 + (i % 50), now);
                samples[2] = i % 11 == 0 ? MetricSample.Failed(now, "timeout") : MetricSample.Valid(0.2, now);
                var decision = engine.Evaluate(new ScalingContext("zero", now, current, current, 0, names, samples));
                engine.RecordScale(now, current, decision.DesiredInstances);
                current = decision.DesiredInstances;
            }
        }

        Run(0, 1000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(1000, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.InRange(current, 1, 50);
    }

    [Fact]
    public void Recording_a_scale_on_every_tick_allocates_nothing_after_warm_up()
    {
        // Scale events older than the longest rate period are dropped as new ones are recorded, so a group that scales
        // on every tick for days keeps the memory it had after its first minutes.
        var options = EngineFactory.Options(1, 10, o =>
        {
            o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(4, TimeSpan.FromSeconds(60)));
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Instances(4, TimeSpan.FromSeconds(60)));
        });
        var engine = EngineFactory.Create(options, new PerInstancePolicy("x", 1));

        void Run(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                var now = EngineFactory.T0.AddSeconds(i * 15);
                engine.RecordScale(now, 4 + (i % 2), 5 - (i % 2));
            }
        }

        Run(0, 100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(100, 20_000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
