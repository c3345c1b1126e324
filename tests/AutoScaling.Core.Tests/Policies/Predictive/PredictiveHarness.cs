using AutoScaling.Policies;

namespace AutoScaling.Core.Tests.Policies.Predictive;

/// <summary>Feeds a predictive policy one sample per evaluation, as the controller does, on a synthetic clock.</summary>
internal sealed class PredictiveHarness(PredictivePolicy policy, TimeSpan interval)
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _names = [policy.Metric];
    private readonly MetricSample[] _samples = new MetricSample[1];

    public DateTimeOffset Now { get; private set; } = Start;

    public PredictivePolicy Policy => policy;

    /// <summary>Evaluates once at <see cref="Now"/> with <paramref name="value"/> (NaN: a missing sample), then advances the clock.</summary>
    public ScalingRecommendation Step(double value, int current = 1)
    {
        _samples[0] = double.IsNaN(value) ? MetricSample.Missing(Now) : MetricSample.Valid(value, Now);
        var context = new ScalingContext("g", Now, current, current, 0, _names, _samples);
        var recommendation = policy.Recommend(in context);
        Now += interval;
        return recommendation;
    }

    /// <summary>Runs until <paramref name="until"/> with the load <paramref name="load"/>(time since start).</summary>
    public void Run(TimeSpan until, Func<TimeSpan, double> load)
    {
        while (Now - Start < until)
        {
            Step(load(Now - Start));
        }
    }

    /// <summary>A daily sine: <c>mean + amplitude × sin(2π·t/day)</c>, peaking at 06:00.</summary>
    public static double Daily(TimeSpan t, double mean, double amplitude)
        => mean + (amplitude * Math.Sin(2 * Math.PI * t.TotalDays));
}
