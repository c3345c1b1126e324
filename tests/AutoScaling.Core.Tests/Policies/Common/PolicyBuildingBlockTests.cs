using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Common;

/// <summary>The pieces every policy stands on: rounding, the context's metric lookup, recommendations, the fixed policy.</summary>
public class PolicyBuildingBlockTests
{
    [Theory]
    [InlineData(14.000000000000002, 14)] // 4.2 / 0.3: noise above an integer is not a 15th instance
    [InlineData(13.999999999999998, 14)]
    [InlineData(14.0000001, 15)]         // a real fraction is
    [InlineData(14.5, 15)]
    [InlineData(0.3, 1)]
    [InlineData(1e-13, 0)]               // within the absolute tolerance of 0
    [InlineData(1_000_000.0000001, 1_000_000)] // relative: 1e-7 on a million is noise (1e-12 × 1e6 = 1e-6)
    [InlineData(1_000_000.00001, 1_000_001)]
    public void Ceiling_tolerates_noise_but_not_a_fraction(double value, int expected)
        => Assert.Equal(expected, ScalingMath.Ceiling(value));

    [Theory]
    [InlineData(13.999999999999998, 14)] // noise below an integer is not one instance fewer
    [InlineData(14.000000000000002, 14)]
    [InlineData(13.9999999, 13)]
    [InlineData(14.5, 14)]
    [InlineData(0.7, 0)]
    [InlineData(999_999.9999999, 1_000_000)]
    [InlineData(999_999.99999, 999_999)]
    public void Floor_tolerates_noise_but_not_a_fraction(double value, int expected)
        => Assert.Equal(expected, ScalingMath.Floor(value));

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(-1e9)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void Rounding_gives_zero_at_or_below_zero_and_for_NaN(double value)
    {
        Assert.Equal(0, ScalingMath.Ceiling(value));
        Assert.Equal(0, ScalingMath.Floor(value));
    }

    [Theory]
    [InlineData(int.MaxValue + 0.5)]
    [InlineData(1e12)]
    [InlineData(double.PositiveInfinity)]
    public void Rounding_saturates_at_int_MaxValue(double value)
    {
        Assert.Equal(int.MaxValue, ScalingMath.Ceiling(value));
        Assert.Equal(int.MaxValue, ScalingMath.Floor(value));
    }

    [Theory]
    [InlineData(5, 3, 8)]
    [InlineData(5, -3, 2)]
    [InlineData(5, -10, 0)]
    [InlineData(int.MaxValue, 1, int.MaxValue)]
    [InlineData(int.MaxValue - 1, long.MaxValue / 2, int.MaxValue)]
    public void Add_saturates_at_zero_and_int_MaxValue(int current, long change, int expected)
        => Assert.Equal(expected, ScalingMath.Add(current, change));

    [Fact]
    public void Metric_names_match_by_value_not_by_reference()
    {
        // Names read from configuration are built at run time: equal text, another string instance.
        var runtimeName = new string("rps".AsSpan());
        Assert.NotSame("rps", runtimeName);
        string[] names = ["cpu", runtimeName];
        MetricSample[] samples = [Valid(1), Valid(2)];
        var context = new ScalingContext("g", Now, 1, 1, 0, names, samples);

        Assert.True(context.TryGetSample("rps", out var sample));
        Assert.Equal(2, sample.Value);
        Assert.Equal(2, context.GetSample("rps").Value);
        Assert.False(context.TryGetSample("RPS", out _)); // ordinal
        Assert.Equal(MetricStatus.Missing, context.GetSample("latency").Status);
    }

    [Fact]
    public void A_policy_finds_its_metric_under_a_name_built_at_run_time()
    {
        var policy = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 100 });
        var r = Recommend(policy, 2, 2, (new string("rps".AsSpan()), Valid(500)));
        Assert.Equal((5, ScalingReason.ScaleUp), (r.DesiredInstances, r.Reason));
    }

    [Fact]
    public void Context_carries_the_group_state_it_was_given()
    {
        string[] names = ["m"];
        MetricSample[] samples = [Valid(7)];
        var context = new ScalingContext("web", Now, 5, 3, 2, names, samples);

        Assert.Equal(("web", Now, 5, 3, 2), (context.GroupName, context.Now, context.CurrentInstances, context.ReadyInstances, context.StartingInstances));
        Assert.Equal(["m"], context.MetricNames.ToArray());
        Assert.Equal(7, context.Samples[0].Value);
    }

    [Fact]
    public void Context_needs_one_sample_per_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new ScalingContext("g", Now, 1, 1, 0, new[] { "a", "b" }, new[] { Valid(1) }));
        Assert.Equal("samples", error.ParamName);
        Assert.StartsWith("Each metric name needs exactly one sample.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(int.MinValue)]
    public void Negative_recommendations_are_clamped_to_zero(int desired)
    {
        Assert.Equal(0, new ScalingRecommendation(desired, ScalingReason.ScaleDown).DesiredInstances);
        Assert.Equal((0, ScalingReason.ScaleDown), (ScalingRecommendation.To(desired, 2).DesiredInstances, ScalingRecommendation.To(desired, 2).Reason));
    }

    [Theory]
    [InlineData(3, 2, ScalingReason.ScaleUp)]
    [InlineData(1, 2, ScalingReason.ScaleDown)]
    [InlineData(2, 2, ScalingReason.NoChange)]
    public void To_names_the_direction(int desired, int current, ScalingReason reason)
    {
        var r = ScalingRecommendation.To(desired, current, RecommendationValidity.Partial);
        Assert.Equal((desired, reason, RecommendationValidity.Partial), (r.DesiredInstances, r.Reason, r.Validity));
    }

    [Fact]
    public void Within_tolerance_and_no_data_keep_the_count()
    {
        Assert.Equal(new ScalingRecommendation(4, ScalingReason.WithinTolerance, RecommendationValidity.Complete), ScalingRecommendation.WithinTolerance(4));
        Assert.Equal(new ScalingRecommendation(4, ScalingReason.MissingMetrics, RecommendationValidity.None), ScalingRecommendation.NoData(4));
    }

    [Theory]
    [InlineData(0, 3, ScalingReason.ScaleDown)]
    [InlineData(0, 0, ScalingReason.NoChange)]
    [InlineData(3, 3, ScalingReason.NoChange)]
    [InlineData(5, 3, ScalingReason.ScaleUp)]
    public void Fixed_policy_recommends_its_count_zero_included(int instances, int current, ScalingReason reason)
    {
        var r = Recommend(new FixedPolicy(new FixedPolicyOptions { Instances = instances }), current, current);
        Assert.Equal((instances, reason, RecommendationValidity.Complete), (r.DesiredInstances, r.Reason, r.Validity));
    }

    [Fact]
    public void Fixed_policy_refuses_a_negative_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedPolicy(new FixedPolicyOptions { Instances = -1 }));
        Assert.Throws<ArgumentNullException>(() => new FixedPolicy(null!));
        Assert.Empty(Failures(new FixedPolicyOptionsValidator(), new FixedPolicyOptions { Instances = 0 }));
        Assert.Equal(["AutoScaling group 'web', Fixed policy: Instances is -1; it must not be negative."], Failures(new FixedPolicyOptionsValidator(), new FixedPolicyOptions { Instances = -1 }));
    }
}
