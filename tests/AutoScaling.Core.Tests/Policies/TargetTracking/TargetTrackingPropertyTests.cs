using AutoScaling.Policies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.TargetTracking;

public class TargetTrackingPropertyTests
{
    /// <summary>A policy configuration and a group state.</summary>
    public sealed record Scenario(bool PerInstance, double Target, double Up, double Down, int Current, int Ready)
    {
        public TargetTrackingPolicy Policy() => new(PerInstance
            ? new TargetTrackingPolicyOptions { Metric = "m", TargetPerInstance = Target, ToleranceUp = Up, ToleranceDown = Down }
            : new TargetTrackingPolicyOptions { Metric = "m", TargetUtilization = Target, ToleranceUp = Up, ToleranceDown = Down });
    }

    private static Gen<double> Between(double low, double high)
        => Gen.Choose(0, 1_000_000).Select(i => low + ((high - low) * i / 1_000_000.0));

    private static readonly Gen<Scenario> Cases =
        from perInstance in Gen.Elements(true, false)
        from target in Gen.OneOf(Between(0.01, 1), Between(1, 1000), Gen.Elements(0.1, 0.3, 0.7, 60.0, 100.0))
        from up in Gen.OneOf(Gen.Constant(0.0), Between(0, 0.5))
        from down in Gen.OneOf(Gen.Constant(0.0), Between(0, 0.9))
        from current in Gen.Choose(0, 200)
        from ready in Gen.Choose(0, current)
        select new Scenario(perInstance, target, up, down, current, ready);

    private static readonly Gen<double> Values = Gen.OneOf(Between(0, 10), Between(0, 100_000), Gen.Elements(0.0, 0.9, 1.0, 1.1, 4.2, 100.0));

    [Property(MaxTest = 1000)]
    public Property Higher_metric_never_recommends_fewer_instances()
    {
        var arb = (from c in Cases from a in Values from b in Values select (c, Math.Min(a, b), Math.Max(a, b))).ToArbitrary();
        return Prop.ForAll(arb, t =>
        {
            var (c, low, high) = t;
            var policy = c.Policy();
            var atLow = Recommend(policy, c.Current, c.Ready, ("m", Valid(low)));
            var atHigh = Recommend(policy, c.Current, c.Ready, ("m", Valid(high)));
            return (atHigh.DesiredInstances >= atLow.DesiredInstances).Label($"{c}: {low} → {atLow}, {high} → {atHigh}");
        });
    }

    [Property(MaxTest = 1000)]
    public Property No_change_while_the_ratio_is_within_tolerance()
    {
        var arb = (from c in Cases.Where(c => c.Ready > 0)
                   from fraction in Between(0, 1)
                   select (c, fraction)).ToArbitrary();
        return Prop.ForAll(arb, t =>
        {
            var (c, fraction) = t;

            // A ratio inside [1 − down, 1 + up], turned back into a metric value.
            var ratio = (1 - c.Down) + ((c.Up + c.Down) * fraction);
            var value = c.PerInstance ? ratio * c.Target * c.Ready : ratio * c.Target;
            var actual = value / (c.PerInstance ? c.Target * c.Ready : c.Target);
            var r = Recommend(c.Policy(), c.Current, c.Ready, ("m", Valid(value)));
            var inside = actual >= 1 - c.Down && actual <= 1 + c.Up;
            return (!inside || r == ScalingRecommendation.WithinTolerance(c.Current)).Label($"{c}: ratio {actual} → {r}");
        });
    }

    [Property(MaxTest = 1000)]
    public Property Outside_tolerance_the_count_is_ceil_of_ratio_times_ready()
    {
        var arb = (from c in Cases.Where(c => c.Ready > 0 && c.Ready == c.Current) from v in Values select (c, v)).ToArbitrary();
        return Prop.ForAll(arb, t =>
        {
            var (c, value) = t;
            var ratio = c.PerInstance ? value / (c.Target * c.Ready) : value / c.Target;
            var r = Recommend(c.Policy(), c.Current, c.Ready, ("m", Valid(value)));
            if (ratio >= 1 - c.Down && ratio <= 1 + c.Up)
            {
                return (r.Reason == ScalingReason.WithinTolerance).Label($"{c}: {value} → {r}");
            }

            var exact = ratio * c.Ready;
            return (r.DesiredInstances >= exact - (1e-12 * Math.Max(1, exact)) && r.DesiredInstances < exact + 1).Label($"{c}: {value} → {r}, ratio × ready {exact}");
        });
    }
}
