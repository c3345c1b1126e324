using AutoScaling.Policies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Threshold;

public class ThresholdPropertyTests
{
    /// <summary>Rules, a step mode, a group size, and per rule either a value or a missing/failed sample.</summary>
    public sealed record Scenario(ThresholdRule[] Rules, ThresholdStepMode Mode, int StepSize, double Factor, int Current, double?[] Values)
    {
        public ThresholdPolicy Policy()
        {
            var options = new ThresholdPolicyOptions { Mode = Mode, StepSize = StepSize, Factor = Factor };
            foreach (var rule in Rules)
            {
                options.Rules.Add(rule);
            }

            return new ThresholdPolicy(options);
        }

        public ScalingRecommendation Evaluate()
            => Recommend(Policy(), Current, Current, Rules.Select((r, i) => (r.Metric, Values[i] is { } v ? Valid(v) : i % 2 == 0 ? Missing() : Failed())).ToArray());

        public override string ToString()
            => $"{Mode} step {StepSize} factor {Factor} current {Current}: "
               + string.Join(", ", Rules.Select((r, i) => $"{r.Metric} up>{r.ScaleUpAbove?.ToString() ?? "-"} down<{r.ScaleDownBelow?.ToString() ?? "-"} = {Values[i]?.ToString() ?? "missing"}"));
    }

    private static readonly Gen<ThresholdRule> Rule =
        from low in Gen.Choose(0, 100)
        from width in Gen.Choose(0, 100)
        from shape in Gen.Choose(0, 2) // 0: both bounds, 1: up only, 2: down only
        select new ThresholdRule
        {
            ScaleDownBelow = shape == 1 ? null : low,
            ScaleUpAbove = shape == 2 ? null : low + width,
        };

    private static Gen<Scenario> Scenarios(double missingShare)
        => from count in Gen.Choose(1, 5)
           from rules in Gen.ArrayOf(Rule, count)
           from mode in Gen.Elements(ThresholdStepMode.Linear, ThresholdStepMode.Exponential)
           from step in Gen.Choose(1, 5)
           from factor in Gen.Elements(1.1, 1.5, 2.0, 3.0, 10.0)
           from current in Gen.Choose(0, 1000)
           from values in Gen.ArrayOf(
               Gen.Frequency(
                   ((int)(100 * missingShare), Gen.Constant<double?>(null)),
                   ((int)(100 * (1 - missingShare)), Gen.Choose(-10, 250).Select(v => (double?)v))),
               count)
           select new Scenario(
               rules.Select((r, i) => new ThresholdRule { Metric = "m" + i, ScaleUpAbove = r.ScaleUpAbove, ScaleDownBelow = r.ScaleDownBelow }).ToArray(),
               mode, step, factor, current, values);

    [Property(MaxTest = 1000)]
    public Property Missing_metrics_never_recommend_below_current()
    {
        var arb = Scenarios(0.4).Where(s => s.Values.Any(v => v is null)).ToArbitrary();
        return Prop.ForAll(arb, s =>
        {
            var r = s.Evaluate();
            var ok = r.DesiredInstances >= s.Current && r.Validity != RecommendationValidity.Complete;
            return ok.Label($"{s} → {r}");
        });
    }

    [Property(MaxTest = 1000)]
    public Property Direction_follows_any_up_all_down()
    {
        var arb = Scenarios(0).ToArbitrary();
        return Prop.ForAll(arb, s =>
        {
            var r = s.Evaluate();
            var anyUp = s.Rules.Select((rule, i) => s.Values[i] > rule.ScaleUpAbove).Any(x => x);
            var withDown = s.Rules.Select((rule, i) => (rule, value: s.Values[i])).Where(x => x.rule.ScaleDownBelow is not null).ToList();
            var allDown = withDown.Count > 0 && withDown.All(x => x.value < x.rule.ScaleDownBelow);
            bool ok;
            if (anyUp)
            {
                ok = r.DesiredInstances > s.Current && r.Reason == ScalingReason.ScaleUp;
            }
            else if (allDown && s.Current > 0)
            {
                ok = r.DesiredInstances < s.Current && r.Reason == ScalingReason.ScaleDown;
            }
            else
            {
                ok = r == ScalingRecommendation.WithinTolerance(s.Current);
            }

            return ok.Label($"{s} → {r} (anyUp {anyUp}, allDown {allDown})");
        });
    }

    [Property(MaxTest = 1000)]
    public Property Steps_are_at_least_one_and_bounded_by_the_mode()
    {
        var arb = Scenarios(0.2).ToArbitrary();
        return Prop.ForAll(arb, s =>
        {
            var r = s.Evaluate();
            var delta = r.DesiredInstances - s.Current;
            var ok = delta switch
            {
                0 => true,
                > 0 => s.Mode == ThresholdStepMode.Linear
                    ? delta == s.StepSize
                    : delta >= 1 && r.DesiredInstances == Math.Max(s.Current + 1, (int)Math.Ceiling(s.Current * (decimal)s.Factor)),
                _ => s.Mode == ThresholdStepMode.Linear
                    ? r.DesiredInstances == Math.Max(0, s.Current - s.StepSize)
                    : delta <= -1 && r.DesiredInstances == Math.Min(s.Current - 1, (int)Math.Floor(s.Current / (decimal)s.Factor)),
            };
            return ok.Label($"{s} → {r}");
        });
    }
}
