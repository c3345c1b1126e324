using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.TargetTracking;

public class TargetTrackingPolicyTests
{
    private static TargetTrackingPolicy PerInstance(double target, double up = 0.1, double down = 0.1)
        => new(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = target, ToleranceUp = up, ToleranceDown = down });

    private static TargetTrackingPolicy Utilization(double target, double up = 0.1, double down = 0.1)
        => new(new TargetTrackingPolicyOptions { Metric = "cpu", TargetUtilization = target, ToleranceUp = up, ToleranceDown = down });

    [Theory]
    [InlineData(1000, 4, 10)] // 250/instance vs 100 → ceil(2.5 × 4) = 10
    [InlineData(450, 3, 5)]   // 150/instance → ceil(1.5 × 3) = 5 (4.5 → 5)
    [InlineData(120, 4, 2)]   // 30/instance → ceil(0.3 × 4) = 2 (1.2 → 2)
    [InlineData(0, 4, 0)]     // no load → 0
    public void Per_instance_scales_to_ceil_of_total_over_target(double total, int ready, int expected)
    {
        var r = Recommend(PerInstance(100), ready, ready, ("rps", Valid(total)));
        Assert.Equal(expected, r.DesiredInstances);
        Assert.Equal(RecommendationValidity.Complete, r.Validity);
        Assert.Equal(expected > ready ? ScalingReason.ScaleUp : ScalingReason.ScaleDown, r.Reason);
    }

    [Theory]
    [InlineData(90, 5, 8)]  // 90 % vs 60 % → ratio 1.5 → ceil(7.5) = 8
    [InlineData(30, 5, 3)]  // ratio 0.5 → ceil(2.5) = 3
    [InlineData(6, 10, 1)]  // ratio 0.1 → 1
    public void Utilization_scales_to_ceil_of_ratio_times_ready(double cpu, int ready, int expected)
    {
        var r = Recommend(Utilization(60), ready, ready, ("cpu", Valid(cpu)));
        Assert.Equal(expected, r.DesiredInstances);
    }

    [Theory]
    [InlineData(110)] // ratio exactly 1 + 0.1: still within (inclusive, as HPA)
    [InlineData(90)]  // ratio exactly 1 − 0.1
    [InlineData(100)]
    [InlineData(105)]
    [InlineData(95)]
    public void Within_tolerance_keeps_the_count(double cpu)
    {
        var r = Recommend(Utilization(100), 4, 4, ("cpu", Valid(cpu)));
        Assert.Equal(ScalingRecommendation.WithinTolerance(4), r);
    }

    [Fact]
    public void Just_outside_tolerance_scales_both_ways()
    {
        Assert.Equal(5, Recommend(Utilization(100), 4, 4, ("cpu", Valid(111))).DesiredInstances); // ceil(4.44)
        Assert.Equal(4, Recommend(Utilization(100), 4, 4, ("cpu", Valid(89))).DesiredInstances);  // ceil(3.56) = 4: no change
        Assert.Equal(3, Recommend(Utilization(100), 4, 4, ("cpu", Valid(74))).DesiredInstances);  // ceil(2.96)
    }

    [Fact]
    public void Tolerances_are_asymmetric()
    {
        var policy = Utilization(100, up: 0.05, down: 0.3);
        Assert.Equal(ScalingReason.ScaleUp, Recommend(policy, 10, 10, ("cpu", Valid(106))).Reason);      // 1.06 > 1.05
        Assert.Equal(ScalingReason.WithinTolerance, Recommend(policy, 10, 10, ("cpu", Valid(75))).Reason); // 0.75 ≥ 0.7
        Assert.Equal(ScalingReason.ScaleDown, Recommend(policy, 10, 10, ("cpu", Valid(69))).Reason);       // 0.69 < 0.7
    }

    [Fact]
    public void Zero_tolerance_reacts_to_any_deviation()
    {
        var policy = PerInstance(100, up: 0, down: 0);
        Assert.Equal(ScalingReason.WithinTolerance, Recommend(policy, 2, 2, ("rps", Valid(200))).Reason);
        Assert.Equal(3, Recommend(policy, 2, 2, ("rps", Valid(200.5))).DesiredInstances);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]     // activation: a trickle of load starts one instance
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    [InlineData(950, 10)]
    public void Per_instance_scales_from_zero(double total, int expected)
    {
        var r = Recommend(PerInstance(100), 0, 0, ("rps", Valid(total)));
        Assert.Equal(expected, r.DesiredInstances);
        Assert.Equal(RecommendationValidity.Complete, r.Validity);
    }

    [Fact]
    public void Per_instance_with_every_instance_starting_scales_up_but_never_down()
    {
        Assert.Equal(5, Recommend(PerInstance(100), 2, 0, ("rps", Valid(450))).DesiredInstances);
        Assert.Equal(ScalingRecommendation.WithinTolerance(3), Recommend(PerInstance(100), 3, 0, ("rps", Valid(50))));
    }

    [Fact]
    public void Utilization_without_ready_instances_holds_or_abstains()
    {
        Assert.Equal(ScalingRecommendation.WithinTolerance(3), Recommend(Utilization(60), 3, 0, ("cpu", Valid(95))));
        Assert.Equal(ScalingRecommendation.NoData(0), Recommend(Utilization(60), 0, 0, ("cpu", Valid(95))));
    }

    [Fact]
    public void Starting_instances_count_toward_the_current_size()
    {
        // 3 ready + 2 starting; the ready ones need ceil(1.2 × 3) = 4 < 5: the starting ones already cover it.
        var up = Recommend(Utilization(100), 5, 3, ("cpu", Valid(120)));
        Assert.Equal(5, up.DesiredInstances);
        Assert.Equal(ScalingReason.NoChange, up.Reason);

        // Far above: ceil(2 × 3) = 6 > 5.
        Assert.Equal(6, Recommend(Utilization(100), 5, 3, ("cpu", Valid(200))).DesiredInstances);

        // Below: starting instances are left out of the ratio (HPA), the ready ones set the count.
        Assert.Equal(2, Recommend(Utilization(100), 5, 3, ("cpu", Valid(50))).DesiredInstances);
    }

    [Theory]
    [InlineData(MetricStatus.Missing)]
    [InlineData(MetricStatus.Failed)]
    public void Invalid_metric_is_no_data_never_zero(MetricStatus status)
    {
        var sample = status == MetricStatus.Missing ? Missing() : Failed();
        Assert.Equal(ScalingRecommendation.NoData(4), Recommend(PerInstance(100), 4, 4, ("rps", sample)));
        Assert.Equal(ScalingRecommendation.NoData(0), Recommend(PerInstance(100), 0, 0, ("rps", sample)));
    }

    [Fact]
    public void Metric_the_group_lacks_is_no_data()
        => Assert.Equal(ScalingRecommendation.NoData(2), Recommend(PerInstance(100), 2, 2, ("other", Valid(1e6))));

    [Fact]
    public void Floating_point_noise_does_not_add_an_instance()
    {
        // 4.2 / 0.3 = 14.000000000000002 in binary floating point: 14 instances, not 15.
        var policy = PerInstance(0.3, up: 0, down: 0);
        Assert.Equal(14, Recommend(policy, 3, 3, ("rps", Valid(4.2))).DesiredInstances);

        // A utilization ratio whose product lands just above an integer.
        var utilization = Utilization(0.7, up: 0, down: 0);
        Assert.Equal(7, Recommend(utilization, 5, 5, ("cpu", Valid(0.98))).DesiredInstances); // 0.98 / 0.7 × 5 = 7.000000000000001
    }

    [Fact]
    public void Huge_values_saturate_instead_of_overflowing()
        => Assert.Equal(int.MaxValue, Recommend(PerInstance(1e-300), 1, 1, ("rps", Valid(1e300))).DesiredInstances);

    [Fact]
    public void Negative_values_scale_to_zero_not_below()
        => Assert.Equal(0, Recommend(PerInstance(100), 3, 3, ("rps", Valid(-50))).DesiredInstances);

    [Fact]
    public void Options_are_copied_at_construction()
    {
        var options = new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 100 };
        var policy = new TargetTrackingPolicy(options);
        options.TargetPerInstance = 1;
        options.Metric = "other";
        Assert.Equal(3, Recommend(policy, 1, 1, ("rps", Valid(300))).DesiredInstances);
    }

    [Fact]
    public void Constructor_rejects_invalid_options_with_the_validator_message()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = -1 }));
        Assert.Contains("TargetPerInstance is -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recommend_allocates_nothing()
    {
        string[] names = ["cpu", "rps"];
        MetricSample[] samples = [Valid(250), Valid(1234)];
        Assert.Equal(0, AllocatedBytes(PerInstance(100), 4, 4, names, samples));
        Assert.Equal(0, AllocatedBytes(Utilization(60), 4, 3, names, samples));
        Assert.Equal(0, AllocatedBytes(PerInstance(100), 0, 0, names, samples));
        Assert.Equal(0, AllocatedBytes(new TargetTrackingPolicy(new() { Metric = "absent", TargetUtilization = 1 }), 4, 4, names, samples));
    }

    [Theory]
    [InlineData(3, 300, ScalingReason.WithinTolerance, 3)] // all 3 starting, demand for exactly 3: hold, no "NoChange" vote
    [InlineData(3, 200, ScalingReason.WithinTolerance, 3)] // demand for fewer: never down on no-ready data
    [InlineData(3, 401, ScalingReason.ScaleUp, 5)]
    [InlineData(0, 0, ScalingReason.NoChange, 0)]          // an empty group without demand stays empty
    [InlineData(0, 150, ScalingReason.ScaleUp, 2)]
    public void Per_instance_without_ready_instances_scales_from_the_demand(int current, double total, ScalingReason reason, int expected)
    {
        var r = Recommend(PerInstance(100), current, 0, ("rps", Valid(total)));
        Assert.Equal((expected, reason), (r.DesiredInstances, r.Reason));
    }
}
