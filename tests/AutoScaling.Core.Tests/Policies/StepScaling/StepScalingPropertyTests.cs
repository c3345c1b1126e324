using AutoScaling.Policies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.StepScaling;

public class StepScalingPropertyTests
{
    /// <summary>A valid step configuration (in shuffled order), a group size and a metric value.</summary>
    public sealed record Scenario(StepAdjustmentType Type, double Threshold, int? Min, StepAdjustment[] Steps, int Current, double Metric)
    {
        public override string ToString()
            => $"{Type} threshold {Threshold} min {Min} current {Current} metric {Metric} steps "
               + string.Join(" ", Steps.Select(s => $"[{s.LowerBound?.ToString() ?? "-inf"}, {s.UpperBound?.ToString() ?? "inf"}: {s.Adjustment}]"));
    }

    /// <summary>Strictly increasing offsets starting at <paramref name="start"/>.</summary>
    private static Gen<double[]> Breakpoints(int count, double start)
        => Gen.ArrayOf(Gen.Choose(1, 40), count).Select(widths =>
        {
            var points = new double[count];
            var at = start;
            for (var i = 0; i < count; i++)
            {
                points[i] = at;
                at += widths[i] / 2.0;
            }

            return points;
        });

    private static Gen<StepAdjustment[]> Above(int count, StepAdjustmentType type)
        => from start in Gen.Elements(0.0, 0.0, 5, 12.5)
           from points in Breakpoints(count, start)
           from adjustments in Gen.ArrayOf(type == StepAdjustmentType.ExactCapacity ? Gen.Choose(0, 50) : Gen.Choose(0, 150), count)
           select Enumerable.Range(0, count).Select(i => new StepAdjustment
           {
               LowerBound = points[i],
               UpperBound = i + 1 < count ? points[i + 1] : null,
               Adjustment = adjustments[i],
           }).ToArray();

    private static Gen<StepAdjustment[]> Below(int count, StepAdjustmentType type)
        => from start in Gen.Elements(0.0, 0.0, 5, 12.5)
           from points in Breakpoints(count, start)
           from adjustments in Gen.ArrayOf(type == StepAdjustmentType.ExactCapacity ? Gen.Choose(0, 50) : Gen.Choose(-100, 0), count)
           select Enumerable.Range(0, count).Select(i => new StepAdjustment
           {
               UpperBound = -points[i],
               LowerBound = i + 1 < count ? -points[i + 1] : null,
               Adjustment = adjustments[i],
           }).ToArray();

    private static readonly Gen<Scenario> Scenarios =
        from type in Gen.Elements(StepAdjustmentType.ChangeInCapacity, StepAdjustmentType.ExactCapacity, StepAdjustmentType.PercentChangeInCapacity)
        from threshold in Gen.Elements(0.0, 50, 70, 1000, -20)
        from min in type == StepAdjustmentType.PercentChangeInCapacity ? Gen.Elements<int?>(null, 1, 2, 5) : Gen.Constant<int?>(null)
        from aboveCount in Gen.Choose(0, 4)
        from belowCount in Gen.Choose(aboveCount == 0 ? 1 : 0, 4)
        from above in Above(aboveCount, type)
        from below in Below(belowCount, type)
        from steps in Gen.Shuffle(above.Concat(below))
        from current in Gen.Choose(0, 100)
        from offset in Gen.OneOf(Gen.Choose(-400, 400).Select(i => i / 4.0), Gen.Elements(steps.SelectMany(s => new[] { s.LowerBound ?? 0, s.UpperBound ?? 0 }).ToArray()))
        select new Scenario(type, threshold, min, steps, current, threshold + offset);

    private static StepScalingPolicy Policy(Scenario s)
    {
        var options = new StepScalingPolicyOptions { Metric = "m", Threshold = s.Threshold, AdjustmentType = s.Type, MinAdjustmentMagnitude = s.Min };
        foreach (var step in s.Steps)
        {
            options.Steps.Add(step);
        }

        return new StepScalingPolicy(options);
    }

    /// <summary>The step AWS would apply, found by brute force from the documented inclusivity rules.</summary>
    private static StepAdjustment? Matching(Scenario s)
    {
        var offset = s.Metric - s.Threshold;
        var above = s.Steps.FirstOrDefault(x => x.LowerBound >= 0 && offset >= x.LowerBound && (x.UpperBound is null || offset < x.UpperBound));
        return above ?? s.Steps.FirstOrDefault(x => !(x.LowerBound >= 0) && (x.LowerBound is null || offset > x.LowerBound) && offset <= x.UpperBound);
    }

    /// <summary>The documented AWS rounding, in decimal arithmetic.</summary>
    private static int Expected(Scenario s, int adjustment)
    {
        switch (s.Type)
        {
            case StepAdjustmentType.ExactCapacity:
                return adjustment;
            case StepAdjustmentType.ChangeInCapacity:
                return Math.Max(0, s.Current + adjustment);
        }

        var raw = s.Current * adjustment / 100m;
        var change = raw switch
        {
            > 1 => Math.Floor(raw),
            > 0 => 1,
            0 => 0,
            > -1 => -1,
            _ => Math.Ceiling(raw),
        };

        if (adjustment != 0 && s.Min is { } min && Math.Abs(change) < min)
        {
            change = Math.Sign(adjustment) * min;
        }

        return (int)Math.Max(0, s.Current + change);
    }

    [Property(MaxTest = 1000)]
    public Property Generated_configurations_are_valid()
        => Prop.ForAll(Scenarios.ToArbitrary(), s =>
        {
            var options = new StepScalingPolicyOptions { Metric = "m", Threshold = s.Threshold, AdjustmentType = s.Type, MinAdjustmentMagnitude = s.Min };
            foreach (var step in s.Steps)
            {
                options.Steps.Add(step);
            }

            var failures = Failures(new StepScalingPolicyOptionsValidator(), options);
            return (failures.Count == 0).Label(s + ": " + string.Join(" | ", failures));
        });

    [Property(MaxTest = 1000)]
    public Property Result_is_the_matching_steps_adjustment()
        => Prop.ForAll(Scenarios.ToArbitrary(), s =>
        {
            var r = Recommend(Policy(s), s.Current, s.Current, ("m", Valid(s.Metric)));
            var step = Matching(s);
            var expected = step is null ? s.Current : Expected(s, step.Adjustment);
            var reason = step is null ? ScalingReason.NoChange
                : expected > s.Current ? ScalingReason.ScaleUp
                : expected < s.Current ? ScalingReason.ScaleDown : ScalingReason.NoChange;
            return (r.DesiredInstances == expected && r.Reason == reason && r.Validity == RecommendationValidity.Complete)
                .Label($"{s}: got {r}, expected {expected} ({reason}) from {(step is null ? "no step" : step.Adjustment.ToString())}");
        });

    [Property(MaxTest = 1000)]
    public Property Non_exact_steps_scale_out_only_above_and_in_only_below()
        => Prop.ForAll(Scenarios.Where(s => s.Type != StepAdjustmentType.ExactCapacity).ToArbitrary(), s =>
        {
            var r = Recommend(Policy(s), s.Current, s.Current, ("m", Valid(s.Metric)));
            var ok = s.Metric > s.Threshold ? r.DesiredInstances >= s.Current
                : s.Metric < s.Threshold ? r.DesiredInstances <= s.Current
                : true;
            return ok.Label($"{s}: got {r}");
        });
}
