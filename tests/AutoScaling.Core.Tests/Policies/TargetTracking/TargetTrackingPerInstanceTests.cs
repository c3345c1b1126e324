using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;
using static AutoScaling.InstanceState;

namespace AutoScaling.Core.Tests.Policies.TargetTracking;

/// <summary>
/// The HPA's readiness-aware calculation over per-instance samples. Cases named <c>TestReplicaCalc…</c> come from
/// kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator_test.go: CPU levels in millicores over
/// requests of 1 CPU become utilization percentages here (450m → 45), pods without a level are silent, pods with
/// readiness False are starting.
/// </summary>
public class TargetTrackingPerInstanceTests
{
    private static TargetTrackingPolicy PerInstance(double target)
        => new(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = target });

    private static TargetTrackingPolicy Utilization(double target)
        => new(new TargetTrackingPolicyOptions { Metric = "cpu", TargetUtilization = target });

    private static ScalingRecommendation Rps(double target, int? current, params (InstanceState, double?)[] instances)
        => RecommendPerInstance(PerInstance(target), "rps", Missing(), current, instances);

    private static ScalingRecommendation Cpu(double target, int? current, params (InstanceState, double?)[] instances)
        => RecommendPerInstance(Utilization(target), "cpu", Missing(), current, instances);

    [Fact]
    public void Issue_16_worked_example_counts_the_silent_instances_at_the_target_and_goes_to_3()
    {
        // 4 instances, 100 requests/s each as target, two report 30 and two nothing: mean 30 → ratio 0.3; second pass
        // (30 + 30 + 100 + 100) / 4 = 65 → ratio 0.65 → ceil(0.65 × 4) = 3.
        var r = RecommendPerInstance(PerInstance(100), "rps", Valid(60), null, (Active, 30), (Active, 30), (Active, null), (Active, null));
        Assert.Equal((3, ScalingReason.ScaleDown, RecommendationValidity.Complete), (r.DesiredInstances, r.Reason, r.Validity));

        // The same group seen only as a total of 60 goes to ceil(60 / 100) = 1.
        Assert.Equal(1, Recommend(PerInstance(100), 4, 4, ("rps", Valid(60))).DesiredInstances);
    }

    [Fact]
    public void TestReplicaCalcMissingMetrics_scale_down_counts_silent_at_target()
        => Assert.Equal(3, Cpu(100, null, (Active, 40), (Active, 9.5), (Active, null), (Active, null)).DesiredInstances);

    [Fact]
    public void TestReplicaCalcMissingMetricsNoChangeEq_ratio_exactly_1_leaves_the_silent_out()
        => Assert.Equal((2, ScalingReason.WithinTolerance), Outcome(Cpu(100, null, (Active, 100), (Active, null))));

    [Fact]
    public void TestReplicaCalcMissingMetricsNoChangeGt_silent_at_0_on_a_scale_up_lands_within_tolerance()
        => Assert.Equal((2, ScalingReason.WithinTolerance), Outcome(Cpu(100, null, (Active, 190), (Active, null))));

    [Fact]
    public void TestReplicaCalcMissingMetricsNoChangeLt_silent_at_target_on_a_scale_down_keeps_2()
        => Assert.Equal(2, Cpu(100, null, (Active, 60), (Active, null)).DesiredInstances);

    [Fact]
    public void TestReplicaCalcMissingMetricsUnreadyChange_keeps_3()
        => Assert.Equal(3, Cpu(50, null, (Starting, 10), (Active, 45), (Active, null)).DesiredInstances);

    [Fact]
    public void TestReplicaCalcMissingMetricsUnreadyScaleUp_counts_starting_and_silent_at_0()
    {
        // Reporting: 200 → ratio 4; second pass (0 + 200 + 0) / 3 = 66.7 → ratio 1.33 → ceil(4) = 4.
        Assert.Equal((4, ScalingReason.ScaleUp), Outcome(Cpu(50, null, (Starting, 10), (Active, 200), (Active, null))));
    }

    [Fact]
    public void TestReplicaCalcMissingMetricsUnreadyScaleDown_differs_the_silent_count_at_the_target_not_at_100_percent()
    {
        // The HPA expects 3: for CPU it counts a silent pod at max(100 %, target) of its request. We have no requests,
        // so a silent instance counts at the target: (10 + 10 + 50) / 3 = 23.3 → ratio 0.47 → ceil(1.4) = 2.
        Assert.Equal(2, Cpu(50, null, (Starting, 10), (Active, 10), (Active, 10), (Active, null)).DesiredInstances);
    }

    [Fact]
    public void TestPlainMetricReplicaCalcMissingMetricsNoChangeEq_keeps_5()
        => Assert.Equal(5, Rps(20000, null, (Active, 20000), (Active, 19000), (Active, 21000), (Active, null), (Active, null)).DesiredInstances);

    [Fact]
    public void TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM_keeps_the_count_when_the_new_count_moves_against_the_direction()
    {
        // Three instances while the size is 2: (10000 + 10000 + 17000) / 3 → ratio 0.73, ceil(0.73 × 3) = 3 > 2 on a scale-down.
        Assert.Equal((2, ScalingReason.WithinTolerance), Outcome(Rps(17000, 2, (Active, 10000), (Active, 10000), (Active, null))));
    }

    [Fact]
    public void TestReplicaCalcScaleUpCM_every_instance_reporting_is_the_plain_ratio()
        => Assert.Equal(4, Rps(15000, null, (Active, 20000), (Active, 10000), (Active, 30000)).DesiredInstances);

    [Fact]
    public void TestReplicaCalcScaleUpUnreadyLessScale_counts_the_starting_instance_at_0()
        => Assert.Equal(4, Cpu(30, null, (Starting, 30), (Active, 50), (Active, 70)).DesiredInstances);

    [Fact]
    public void TestReplicaCalcScaleUpUnreadyNoScale_keeps_the_count_when_the_direction_flips()
        => Assert.Equal((3, ScalingReason.WithinTolerance), Outcome(Cpu(30, null, (Active, 40), (Starting, 50), (Starting, 70))));

    [Fact]
    public void TestReplicaCalcScaleDownIgnoresUnreadyPods_leaves_starting_instances_out_on_a_scale_down()
        => Assert.Equal(2, Cpu(50, null, (Active, 10), (Active, 30), (Active, 50), (Starting, 25), (Starting, 25)).DesiredInstances);

    [Fact]
    public void No_active_instance_reporting_falls_back_to_the_group_sample()
    {
        var policy = PerInstance(100);
        Assert.Equal(2, RecommendPerInstance(policy, "rps", Valid(150), null, (Active, null), (Active, null), (Starting, 500)).DesiredInstances);
        Assert.Equal(RecommendationValidity.None, RecommendPerInstance(policy, "rps", Missing(), null, (Active, null), (Active, null)).Validity);
    }

    [Fact]
    public void Per_instance_samples_win_over_a_failed_group_sample()
        => Assert.Equal(4, RecommendPerInstance(PerInstance(100), "rps", Failed(), null, (Active, 200), (Active, 200)).DesiredInstances);

    [Fact]
    public void A_tolerance_down_of_1_never_scales_down_on_either_path()
    {
        var policy = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "rps", TargetPerInstance = 100, ToleranceDown = 1 });
        Assert.Equal((4, ScalingReason.WithinTolerance), Outcome(Recommend(policy, 4, 4, ("rps", Valid(0)))));
        Assert.Equal((4, ScalingReason.WithinTolerance), Outcome(RecommendPerInstance(policy, "rps", Valid(60), null, (Active, 30), (Active, 30), (Active, null), (Active, null))));
        Assert.Equal(6, Recommend(policy, 4, 4, ("rps", Valid(600))).DesiredInstances); // still scales up
    }

    [Theory]
    [InlineData(0, 0, ScalingReason.NoChange)]   // Nomad: factor 0 at count 0 → ceil(0) = 0
    [InlineData(0.5, 1, ScalingReason.ScaleUp)]  // any positive factor starts an instance
    [InlineData(130, 3, ScalingReason.ScaleUp)]  // ceil(130 / 60) = 3
    public void Utilization_from_zero_with_Ratio_scales_as_Nomads_target_value(double value, int expected, ScalingReason reason)
    {
        var policy = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "cpu", TargetUtilization = 60, FromZero = TargetTrackingFromZero.Ratio });
        Assert.Equal((expected, reason), Outcome(Recommend(policy, 0, 0, ("cpu", Valid(value)))));
    }

    [Fact]
    public void Utilization_from_zero_abstains_by_default_and_Ratio_changes_nothing_while_instances_start()
    {
        Assert.Equal(RecommendationValidity.None, Recommend(Utilization(60), 0, 0, ("cpu", Valid(130))).Validity);
        var ratio = new TargetTrackingPolicy(new TargetTrackingPolicyOptions { Metric = "cpu", TargetUtilization = 60, FromZero = TargetTrackingFromZero.Ratio });
        Assert.Equal((2, ScalingReason.WithinTolerance), Outcome(Recommend(ratio, 2, 0, ("cpu", Valid(130)))));
    }

    [Fact]
    public void The_per_instance_pass_allocates_nothing()
    {
        var policy = PerInstance(100);
        InstanceState[] states = [Active, Active, Active, Starting];
        MetricSample[] samples = [Valid(30), Valid(30), Missing(), Missing()];
        MetricSample[] group = [Valid(60)];
        string[] names = ["rps"];
        Assert.Equal(0, AllocatedBytes(() =>
        {
            var context = new ScalingContext("g", Now, 4, 3, 1, names, group) { InstanceStates = states, InstanceSamples = samples };
            return policy.Recommend(in context).DesiredInstances;
        }));
    }

    private static (int, ScalingReason) Outcome(ScalingRecommendation r) => (r.DesiredInstances, r.Reason);
}
