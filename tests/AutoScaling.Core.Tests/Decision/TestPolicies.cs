namespace AutoScaling.Tests.Decision;

/// <summary>A policy whose answer the test sets; reads no metric.</summary>
internal sealed class SetPolicy(int desired, RecommendationValidity validity = RecommendationValidity.Complete) : IScalingPolicy
{
    public int Desired { get; set; } = desired;

    public RecommendationValidity Validity { get; set; } = validity;

    public ScalingRecommendation Recommend(in ScalingContext context)
        => Validity == RecommendationValidity.None
            ? ScalingRecommendation.NoData(context.CurrentInstances)
            : ScalingRecommendation.To(Desired, context.CurrentInstances, Validity);
}

/// <summary>Recommends ceil(metric / perInstance); abstains when the metric is not valid.</summary>
internal sealed class PerInstancePolicy(string metric, double perInstance) : IScalingPolicy
{
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        var sample = context.GetSample(metric);
        return sample.IsValid
            ? ScalingRecommendation.To((int)Math.Ceiling(sample.Value / perInstance), context.CurrentInstances)
            : ScalingRecommendation.NoData(context.CurrentInstances);
    }
}

internal static class EngineFactory
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ScalingGroupOptions Options(int min = 1, int max = 100, Action<ScalingGroupOptions>? configure = null)
    {
        var o = new ScalingGroupOptions { MinInstances = min, MaxInstances = max, Interval = TimeSpan.FromSeconds(15) };
        o.ScaleDown.StabilizationWindow = TimeSpan.Zero;
        configure?.Invoke(o);
        return o;
    }

    public static ScalingDecisionEngine Create(ScalingGroupOptions options, params IScalingPolicy[] policies)
        => new("test", options, [], policies);

    /// <summary>Decides, and records the decided change as fully carried out (an action that succeeded).</summary>
    public static ScalingDecision Eval(this ScalingDecisionEngine engine, double seconds, int current, MetricSample[]? samples = null, bool paused = false, int? manual = null)
    {
        var decision = engine.Decide(seconds, current, samples, paused, manual);
        if (decision.IsChange && !decision.IsDryRun)
        {
            engine.RecordScale(T0.AddSeconds(seconds), decision.CurrentInstances, decision.DesiredInstances);
        }

        return decision;
    }

    /// <summary>Decides only: nothing is recorded as carried out.</summary>
    public static ScalingDecision Decide(this ScalingDecisionEngine engine, double seconds, int current, MetricSample[]? samples = null, bool paused = false, int? manual = null)
        => engine.Evaluate(Context(engine, T0.AddSeconds(seconds), current, current, samples ?? [], paused, manual));

    public static ScalingContext Context(ScalingDecisionEngine engine, DateTimeOffset now, int current, int ready, ReadOnlySpan<MetricSample> samples, bool paused = false, int? manual = null)
        => new(engine.GroupName, now, current, ready, current - ready, engine.MetricNames.ToArray(), samples)
        {
            Paused = paused,
            ManualTarget = manual,
        };
}

/// <summary>Always recommends <paramref name="desired"/> with the given reason and validity.</summary>
internal sealed class ReasonPolicy(int desired, ScalingReason reason, RecommendationValidity validity = RecommendationValidity.Complete) : IScalingPolicy
{
    public ScalingRecommendation Recommend(in ScalingContext context) => new(desired, reason, validity);
}
