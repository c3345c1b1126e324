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
}
