using FsCheck;
using FsCheck.Fluent;
using static AutoScaling.Tests.Decision.ScalingDecisionEnginePropertyTests;

namespace AutoScaling.Tests.Decision;

/// <summary>
/// Properties of the split between deciding and recording (FsCheck 3, 1,000 cases each): actions fail or stop part-way,
/// and metrics go away for a while, as they do in production.
/// </summary>
public class RecordedScalePropertyTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static void ForAll<T>(Gen<T> gen, Func<T, bool> property) => Check.One(Cases, Prop.ForAll(gen.ToArbitrary(), property));

    /// <summary>Each action reaches a random part of its change, from nothing to all of it.</summary>
    private static Gen<(Scenario Scenario, int[] Parts)> WithParts(bool allowInvalid) =>
        from s in Scenarios(allowInvalid)
        from parts in Gen.Choose(0, 100).ArrayOf(s.Steps.Length)
        select (s, parts);

    private static int Reached(int from, int to, int percent) => from + (int)Math.Round((to - from) * (percent / 100.0));

    [Fact]
    public void Rate_limits_hold_over_what_actions_really_reached()
        => ForAll(WithParts(allowInvalid: false), t =>
        {
            var (s, parts) = t;
            var policy = new SetPolicy(0);
            var engine = EngineFactory.Create(s.Options(), policy);
            var events = new List<(double Time, int Delta)>();
            var time = 0.0;
            var current = s.Start;
            for (var i = 0; i < s.Steps.Length; i++)
            {
                time += s.Steps[i].Advance;
                policy.Desired = s.Steps[i].Recommendation;
                var decision = engine.Decide(time, current);
                if (decision.IsChange && decision.Reason is not (ScalingReason.AboveMaximum or ScalingReason.BelowMinimum)
                    && decision.DesiredInstances > current
                    && decision.DesiredInstances - current > s.UpValue - events.Where(e => e.Time > time - s.UpPeriod).Sum(e => e.Delta))
                {
                    return false; // more growth allowed than the budget left by what was really reached
                }

                var reached = Reached(current, decision.DesiredInstances, parts[i]);
                engine.RecordScale(EngineFactory.T0.AddSeconds(time), current, reached);
                if (reached != current)
                {
                    events.Add((time, reached - current));
                }

                current = reached;
            }

            return true;
        });

    [Fact]
    public void A_failed_action_costs_nothing_deciding_again_goes_as_far()
        => ForAll(Scenarios(allowInvalid: false), s =>
        {
            var policy = new SetPolicy(0);
            var engine = EngineFactory.Create(s.Options(), policy);
            var time = 0.0;
            var current = s.Start;
            foreach (var step in s.Steps)
            {
                time += step.Advance;
                policy.Desired = step.Recommendation;
                var decision = engine.Decide(time, current);
                if (decision.IsChange)
                {
                    engine.RecordScale(EngineFactory.T0.AddSeconds(time), current, current); // the action failed
                    var again = engine.Decide(time, current);
                    if (again.DesiredInstances != decision.DesiredInstances || again.Reason != decision.Reason)
                    {
                        return false;
                    }

                    engine.RecordScale(EngineFactory.T0.AddSeconds(time), current, again.DesiredInstances); // this one succeeds
                    current = again.DesiredInstances;
                }
            }

            return true;
        });

    /// <summary>
    /// The outage rule: the first valid sample after an outage of any length, arriving within the scale-down window of the
    /// last evaluation without data, never scales down, however low it is.
    /// </summary>
    [Fact]
    public void An_outage_of_any_length_followed_by_one_low_sample_never_scales_down()
        => ForAll(
            from s in Scenarios(allowInvalid: false)
            from window in Gen.Elements(30, 120, 300)
            from outage in Gen.Choose(1, 60)
            from gap in Gen.Choose(1, 40)
            from after in Gen.Choose(1, 30)
            from failed in Gen.Elements(true, false)
            select (s, window, outage, gap, Math.Min(after, window - 1), failed),
            t =>
            {
                var (s, window, outage, gap, after, failed) = t;
                var options = s.Options();
                options.ScaleDown.StabilizationWindow = TimeSpan.FromSeconds(window);
                options.Fallback.FailureThreshold = 2;
                var engine = new ScalingDecisionEngine("test", options, ["rps"], [new PerInstancePolicy("rps", 1)]);
                var time = 0.0;
                var current = s.Start;
                foreach (var step in s.Steps)
                {
                    time += step.Advance;
                    var d = engine.Evaluate(EngineFactory.Context(engine, EngineFactory.T0.AddSeconds(time), current, current, [MetricSample.Valid(step.Recommendation, EngineFactory.T0)]));
                    engine.RecordScale(EngineFactory.T0.AddSeconds(time), current, d.DesiredInstances);
                    current = d.DesiredInstances;
                }

                for (var i = 0; i < outage; i++)
                {
                    time += gap;
                    var none = failed ? MetricSample.Failed(EngineFactory.T0, "down") : MetricSample.Missing(EngineFactory.T0);
                    var held = engine.Evaluate(EngineFactory.Context(engine, EngineFactory.T0.AddSeconds(time), current, current, [none]));
                    if (held.IsChange)
                    {
                        return false;
                    }
                }

                time += after;
                var low = engine.Evaluate(EngineFactory.Context(engine, EngineFactory.T0.AddSeconds(time), current, current, [MetricSample.Valid(0, EngineFactory.T0)]));
                return low.DesiredInstances >= current;
            });

    /// <summary>
    /// The outage rule's second half: however short the scale-down window (even none), a low sample that arrives within
    /// as long as the outage lasted, after it ended, never scales down: a rate over a window spanning the gap reads low.
    /// </summary>
    [Fact]
    public void After_an_outage_no_scale_down_for_as_long_as_it_lasted()
        => ForAll(
            from start in Gen.Choose(2, 30)
            from outage in Gen.Choose(1, 40)
            from gap in Gen.Choose(1, 15)
            from fraction in Gen.Choose(1, 99)
            select (start, outage, gap, fraction),
            t =>
            {
                var (start, outage, gap, fraction) = t;
                var options = new ScalingGroupOptions { MinInstances = 1, MaxInstances = 50, Interval = TimeSpan.FromSeconds(5) };
                options.ScaleDown.StabilizationWindow = TimeSpan.Zero;
                var engine = new ScalingDecisionEngine("test", options, ["rps"], [new PerInstancePolicy("rps", 1)]);
                var time = EngineFactory.T0;
                var steady = engine.Evaluate(EngineFactory.Context(engine, time, start, start, [MetricSample.Valid(start, time)]));
                if (steady.IsChange)
                {
                    return false;
                }

                for (var i = 0; i < outage; i++)
                {
                    time = time.AddSeconds(gap);
                    engine.Evaluate(EngineFactory.Context(engine, time, start, start, [MetricSample.Missing(time)]));
                }

                var lasted = TimeSpan.FromSeconds(Math.Min(((outage - 1) * gap) + 5, 300)); // at most five minutes
                var at = time + (lasted * (fraction / 100.0));
                var low = engine.Evaluate(EngineFactory.Context(engine, at, start, start, [MetricSample.Valid(1, at)]));
                var later = engine.Evaluate(EngineFactory.Context(engine, time + lasted + TimeSpan.FromSeconds(1), start, start, [MetricSample.Valid(1, at)]));
                return low.DesiredInstances == start && later.DesiredInstances < start; // held while it lasted, free after
            });
}
