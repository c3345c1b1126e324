using FsCheck;
using FsCheck.Fluent;

namespace AutoScaling.Tests.Decision;

/// <summary>Properties of the engine over random scenarios (FsCheck 3, 1,000 cases each).</summary>
public class ScalingDecisionEnginePropertyTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(1000);

    /// <summary>A random group and a random run of evaluations; each decision is applied at once.</summary>
    public sealed record Scenario(int Min, int Max, int Start, int UpWindow, int DownWindow, int UpValue, int UpPeriod, int DownPercent, int DownPeriod, int UpCooldown, int DownCooldown, Tick[] Steps)
    {
        public ScalingGroupOptions Options()
        {
            var o = new ScalingGroupOptions { MinInstances = Min, MaxInstances = Max, Interval = TimeSpan.FromSeconds(5) };
            o.ScaleUp.StabilizationWindow = TimeSpan.FromSeconds(UpWindow);
            o.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(DownWindow);
            o.ScaleUp.Policies.Add(ScalingRatePolicy.Instances(UpValue, TimeSpan.FromSeconds(UpPeriod)));
            o.ScaleDown.Policies.Add(ScalingRatePolicy.Percent(DownPercent, TimeSpan.FromSeconds(DownPeriod)));
            o.ScaleUp.Cooldown = TimeSpan.FromSeconds(UpCooldown);
            o.ScaleDown.Cooldown = TimeSpan.FromSeconds(DownCooldown);
            return o;
        }

        public override string ToString()
            => $"min={Min} max={Max} start={Start} upW={UpWindow} downW={DownWindow} up={UpValue}/{UpPeriod}s down={DownPercent}%/{DownPeriod}s cd={UpCooldown}/{DownCooldown} steps=[{string.Join(" ", Steps.Select(s => s.ToString()))}]";
    }

    /// <summary>One evaluation: seconds since the previous one, the recommendation, and whether its metric is valid.</summary>
    public sealed record Tick(int Advance, int Recommendation, bool Valid, MetricStatus Other)
    {
        public override string ToString() => $"+{Advance}s:{Recommendation}{(Valid ? string.Empty : "?")}/{Other}";
    }

    internal static Gen<Scenario> Scenarios(bool allowInvalid) =>
        from min in Gen.Choose(0, 5)
        from span in Gen.Choose(1, 30)
        from start in Gen.Choose(0, 40)
        from upWindow in Gen.Elements(0, 0, 10, 60)
        from downWindow in Gen.Elements(0, 30, 120, 300)
        from upValue in Gen.Choose(1, 6)
        from upPeriod in Gen.Elements(5, 15, 60)
        from downPercent in Gen.Choose(1, 100)
        from downPeriod in Gen.Elements(5, 15, 60)
        from upCooldown in Gen.Elements(0, 0, 30)
        from downCooldown in Gen.Elements(0, 0, 60)
        from steps in (from advance in Gen.Choose(1, 40)
                       from rec in Gen.Choose(0, 45)
                       from valid in allowInvalid ? Gen.Elements(true, true, false) : Gen.Constant(true)
                       from other in Gen.Elements(MetricStatus.Valid, MetricStatus.Missing, MetricStatus.Failed)
                       select new Tick(advance, rec, valid, other)).ArrayOf()
        select new Scenario(min, min + span, Math.Clamp(start, min, min + span), upWindow, downWindow, upValue, upPeriod, downPercent, downPeriod, upCooldown, downCooldown, steps);

    private static void ForAll<T>(Gen<T> gen, Func<T, bool> property)
        => Check.One(Cases, Prop.ForAll(gen.ToArbitrary(), property));

    private static IEnumerable<(Tick Step, double Time, ScalingDecision Decision)> Run(Scenario s)
    {
        var policy = new SetPolicy(0);
        var engine = EngineFactory.Create(s.Options(), policy);
        var time = 0.0;
        var current = s.Start;
        foreach (var step in s.Steps)
        {
            time += step.Advance;
            policy.Desired = step.Recommendation;
            policy.Validity = step.Valid ? RecommendationValidity.Complete : RecommendationValidity.None;
            var decision = engine.Eval(time, current);
            yield return (step, time, decision);
            current = decision.DesiredInstances;
        }
    }

    [Fact]
    public void Desired_is_always_within_min_and_max()
        => ForAll(Scenarios(allowInvalid: true), s => Run(s).All(r => r.Decision.DesiredInstances >= s.Min && r.Decision.DesiredInstances <= s.Max));

    [Fact]
    public void No_scale_down_while_a_higher_recommendation_is_inside_the_down_window()
        => ForAll(Scenarios(allowInvalid: false), s =>
        {
            var history = new List<(double Time, int Recommendation)>();
            foreach (var (step, time, decision) in Run(s))
            {
                history.Add((time, Math.Clamp(step.Recommendation, s.Min, s.Max)));
                if (decision.DesiredInstances < decision.CurrentInstances
                    && history.Any(h => h.Time > time - s.DownWindow && h.Recommendation > decision.DesiredInstances))
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Recommending_the_current_count_never_changes_it()
        => ForAll(Scenarios(allowInvalid: false), s =>
        {
            var policy = new SetPolicy(0);
            var engine = EngineFactory.Create(s.Options(), policy);
            var time = 0.0;
            var current = s.Start;
            foreach (var step in s.Steps)
            {
                time += step.Advance;
                var within = step.Recommendation % 3 == 0; // a third of the steps: "within tolerance" (recommend current)
                policy.Desired = within ? current : step.Recommendation;
                var decision = engine.Eval(time, current);
                if (within && decision.IsChange)
                {
                    return false;
                }

                current = decision.DesiredInstances;
            }

            return true;
        });

    [Fact]
    public void Rate_limits_are_never_exceeded_over_any_window()
        => ForAll(Scenarios(allowInvalid: false), s =>
        {
            var events = new List<(double Time, int Delta)>();
            foreach (var (_, time, decision) in Run(s))
            {
                if (!decision.IsChange || decision.Reason is ScalingReason.AboveMaximum or ScalingReason.BelowMinimum)
                {
                    continue;
                }

                events.Add((time, decision.DesiredInstances - decision.CurrentInstances));
                if (decision.DesiredInstances > decision.CurrentInstances)
                {
                    // Net growth inside any up period, counted from its start, stays within the instance limit.
                    var net = events.Where(e => e.Time > time - s.UpPeriod).Sum(e => e.Delta);
                    if (net > s.UpValue)
                    {
                        return false;
                    }
                }
                else
                {
                    var inWindow = events.Where(e => e.Time > time - s.DownPeriod).ToList();
                    var startCount = decision.DesiredInstances - inWindow.Sum(e => e.Delta);
                    var allowed = startCount - (int)(startCount * (1 - (s.DownPercent / 100.0)));
                    if (-inWindow.Sum(e => e.Delta) > allowed)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Fact]
    public void Missing_or_failed_metrics_never_cause_a_scale_down()
        => ForAll(
            from s in Scenarios(allowInvalid: false)
            from fallback in Gen.Elements(MetricFallbackBehavior.Hold, MetricFallbackBehavior.Fail)
            select (s, fallback),
            t =>
            {
                // Two metrics: "a" drives a policy that may want fewer instances; "b" is valid, missing or failed.
                var (s, fallback) = t;
                var options = s.Options();
                options.Fallback.Behavior = fallback;
                options.Fallback.FailureThreshold = 2;
                var engine = new ScalingDecisionEngine("test", options, ["a", "b"], [new PerInstancePolicy("a", 1), new PerInstancePolicy("b", 1)]);
                var time = EngineFactory.T0;
                var current = s.Start;
                foreach (var step in s.Steps)
                {
                    time = time.AddSeconds(step.Advance);
                    var b = step.Other switch
                    {
                        MetricStatus.Valid => MetricSample.Valid(0, time),
                        MetricStatus.Missing => MetricSample.Missing(time),
                        _ => MetricSample.Failed(time, "down"),
                    };
                    var decision = engine.Evaluate(EngineFactory.Context(engine, time, current, current, [MetricSample.Valid(step.Recommendation, time), b]));
                    engine.RecordScale(time, current, decision.DesiredInstances);
                    if (step.Other != MetricStatus.Valid && decision.DesiredInstances < current)
                    {
                        return false;
                    }

                    current = decision.DesiredInstances;
                }

                return true;
            });
}
