using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.NomadThreshold;

/// <summary>
/// Cases named after <c>TestThresholdPlugin</c> come from hashicorp/nomad-autoscaler
/// plugins/builtin/strategy/threshold/plugin/plugin_test.go: its metrics become our recent points, oldest first.
/// </summary>
public class NomadThresholdPolicyTests
{
    private static readonly double?[] SixTens = [10, 10, 10, 10, 10, 10];

    private static NomadThresholdPolicy Band(double? lower, double? upper, int? delta = null, double? percentage = null, int? value = null, int trigger = 5, int window = 10)
    {
        var options = new NomadThresholdPolicyOptions { Metric = "m", Window = window };
        options.Bands.Add(new NomadThresholdBand { LowerBound = lower, UpperBound = upper, Delta = delta, Percentage = percentage, Value = value, WithinBoundsTrigger = trigger });
        return new NomadThresholdPolicy(options);
    }

    private static (int, ScalingReason) Run(NomadThresholdPolicy policy, int count, params double?[] points)
    {
        var r = RecommendWithHistory(policy, "m", count, points);
        return (r.DesiredInstances, r.Reason);
    }

    [Fact]
    public void TestThresholdPlugin_delta_scale_up() => Assert.Equal((2, ScalingReason.ScaleUp), Run(Band(5, 20, delta: 1), 1, SixTens));

    [Fact]
    public void TestThresholdPlugin_delta_scale_down() => Assert.Equal((0, ScalingReason.ScaleDown), Run(Band(5, 20, delta: -1), 1, SixTens));

    [Fact]
    public void TestThresholdPlugin_percentage_scale_up() => Assert.Equal((13, ScalingReason.ScaleUp), Run(Band(5, 20, percentage: 30), 10, SixTens));

    [Fact]
    public void TestThresholdPlugin_percentage_scale_down() => Assert.Equal((7, ScalingReason.ScaleDown), Run(Band(5, 20, percentage: -30), 10, SixTens));

    [Fact]
    public void TestThresholdPlugin_percentage_scale_none() => Assert.Equal((10, ScalingReason.NoChange), Run(Band(5, 20, percentage: 0), 10, SixTens));

    [Fact]
    public void TestThresholdPlugin_value_scale_up() => Assert.Equal((10, ScalingReason.ScaleUp), Run(Band(5, 20, value: 10), 1, SixTens));

    [Fact]
    public void TestThresholdPlugin_value_scale_down() => Assert.Equal((10, ScalingReason.ScaleDown), Run(Band(5, 20, value: 10), 20, SixTens));

    [Fact]
    public void TestThresholdPlugin_value_scale_none() => Assert.Equal((10, ScalingReason.NoChange), Run(Band(5, 20, value: 10), 10, SixTens));

    [Fact]
    public void TestThresholdPlugin_not_enough_metrics_within_bounds_keeps_the_count()
        => Assert.Equal((1, ScalingReason.WithinTolerance), Run(Band(5, 20, delta: 1), 1, 10, 0, 0, 0, 0, 0));

    [Fact]
    public void TestThresholdPlugin_custom_trigger_value() => Assert.Equal((2, ScalingReason.ScaleUp), Run(Band(5, 20, delta: 1, trigger: 1), 1, 10, 0, 0, 0, 0, 0));

    [Fact]
    public void Points_need_not_be_consecutive_and_the_band_is_lower_inclusive_upper_exclusive()
    {
        var policy = Band(5, 20, delta: 1, trigger: 3);
        Assert.Equal(2, Run(policy, 1, 5, 30, 19.99, 0, 12, 25).Item1);       // 5, 19.99 and 12 are in [5, 20)
        Assert.Equal(1, Run(policy, 1, 20, 30, 19.99, 4.99, 12, 25).Item1);   // 20 and 4.99 are not
    }

    [Fact]
    public void Open_bounds_reach_to_infinity()
    {
        Assert.Equal(3, Run(Band(null, 20, delta: 2, trigger: 1), 1, -1e9).Item1);
        Assert.Equal(3, Run(Band(5, null, delta: 2, trigger: 1), 1, 1e9).Item1);
    }

    [Fact]
    public void Only_the_last_Window_points_count()
    {
        var policy = Band(5, 20, delta: 1, trigger: 2, window: 3);
        Assert.Equal(1, Run(policy, 1, 10, 10, 10, 0, 0, 10).Item1); // the last three hold one point in the band
        Assert.Equal(2, Run(policy, 1, 10, 10, 10, 0, 10, 10).Item1);
    }

    [Theory]
    [InlineData(3, -50, 2)]  // 1.5 rounds up to 2, also on the way down (Nomad)
    [InlineData(3, -100, 0)]
    [InlineData(1, -10, 1)]  // 0.9 rounds up: no change
    [InlineData(0, 50, 0)]   // a percentage of nothing
    public void Percentages_round_up_both_ways(int count, double percentage, int expected)
        => Assert.Equal(expected, Run(Band(5, 20, percentage: percentage, trigger: 1), count, 10).Item1);

    [Fact]
    public void The_count_never_goes_below_0() => Assert.Equal(0, Run(Band(5, 20, delta: -5, trigger: 1), 2, 10).Item1);

    [Fact]
    public void A_ladder_takes_the_largest_count_of_the_bands_that_trigger()
    {
        var options = new NomadThresholdPolicyOptions { Metric = "m", Window = 6 };
        options.Bands.Add(new NomadThresholdBand { UpperBound = 20, Delta = -1, WithinBoundsTrigger = 3 });
        options.Bands.Add(new NomadThresholdBand { LowerBound = 70, UpperBound = 90, Delta = 1, WithinBoundsTrigger = 3 });
        options.Bands.Add(new NomadThresholdBand { LowerBound = 90, Delta = 3, WithinBoundsTrigger = 2 });
        var policy = new NomadThresholdPolicy(options);
        Assert.Equal(3, Run(policy, 4, 10, 10, 10, 50, 50, 50).Item1);   // low
        Assert.Equal(4, Run(policy, 4, 10, 10, 50, 50, 50, 50).Item1);   // nothing triggers
        Assert.Equal(5, Run(policy, 4, 10, 10, 10, 75, 75, 75).Item1);   // low and high trigger: the larger wins
        Assert.Equal(7, Run(policy, 4, 75, 75, 75, 95, 95, 50).Item1);   // two high bands: +3 wins
    }

    [Fact]
    public void A_latest_sample_that_is_not_valid_abstains_and_missing_points_never_count()
    {
        var policy = Band(5, 20, delta: 1, trigger: 2);
        Assert.Equal(RecommendationValidity.None, RecommendWithHistory(policy, "m", 3, 10, 10, 10, null).Validity);
        Assert.Equal(3, Run(policy, 3, null, null, null, 10).Item1);
    }

    [Fact]
    public void Without_a_history_the_latest_sample_is_the_only_point()
    {
        Assert.Equal(2, Recommend(Band(5, 20, delta: 1, trigger: 1), 1, 1, ("m", Valid(10))).DesiredInstances);
        Assert.Equal(1, Recommend(Band(5, 20, delta: 1, trigger: 2), 1, 1, ("m", Valid(10))).DesiredInstances);
    }

    [Fact]
    public void Recommending_from_a_history_allocates_nothing()
    {
        var policy = Band(5, 20, percentage: 30, trigger: 3);
        var history = new MetricSample[60];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = i % 3 == 0 ? Missing() : Valid(i % 25);
        }

        MetricSample[] latest = [history[^1]];
        string[] names = ["m"];
        Assert.Equal(0, AllocatedBytes(() =>
        {
            var context = new ScalingContext("g", Now, 4, 4, 0, names, latest) { History = history };
            return policy.Recommend(in context).DesiredInstances;
        }));
    }
}
