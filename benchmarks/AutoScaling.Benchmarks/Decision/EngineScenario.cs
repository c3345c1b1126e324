using AutoScaling.Testing;

namespace AutoScaling.Benchmarks.Decision;

/// <summary>One group as the issue describes it: three metrics, stabilization windows and rate policies, the built-in policies.</summary>
internal sealed class EngineScenario
{
    private readonly MetricSample[] _samples = new MetricSample[3];
    private readonly string[] _names = [.. BuiltInPolicySet.Metrics];
    private readonly DateTimeOffset _start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private int _tick;
    private int _current = 4;

    public EngineScenario(int seed)
    {
        _tick = seed;
        Engine = new ScalingDecisionEngine("web", Options(), BuiltInPolicySet.Metrics, BuiltInPolicySet.Create());
    }

    public ScalingDecisionEngine Engine { get; }

    public static ScalingGroupOptions Options()
    {
        var options = new ScalingGroupOptions { MinInstances = 1, MaxInstances = 50, Interval = TimeSpan.FromSeconds(15) };
        options.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(60);
        options.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(300);
        options.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(4, TimeSpan.FromSeconds(60)));
        options.ScaleUp.Policies.Add(ScalingRatePolicy.Percent(100, TimeSpan.FromSeconds(60)));
        options.ScaleDown.Policies.Add(ScalingRatePolicy.Percent(10, TimeSpan.FromSeconds(60)));
        return options;
    }

    public int Evaluate()
    {
        var i = _tick++;
        var now = _start.AddTicks(i * TimeSpan.TicksPerSecond * 15);
        _samples[0] = MetricSample.Valid(200 + (i * 37 % 900), now);
        _samples[1] = MetricSample.Valid(40 + (i % 50), now);
        _samples[2] = MetricSample.Valid(0.1 + (i % 9 * 0.1), now);
        // Decide, then record the change as carried out: the controller's whole per-tick engine work.
        var decision = Engine.Evaluate(new ScalingContext("web", now, _current, _current, 0, _names, _samples));
        Engine.RecordScale(now, _current, decision.DesiredInstances);
        _current = decision.DesiredInstances;
        return _current;
    }
}
