using AutoScaling;
using CustomPolicySample;

namespace AutoScaling.Samples.Tests.CustomPolicy;

/// <summary>The sample policy on contexts built directly, as a user tests a policy: no host, no clock, no I/O.</summary>
public sealed class SloStepPolicyTests
{
    private static readonly string[] Names = ["p95"];
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SloStepPolicy Policy = new(new SloStepPolicyOptions { Metric = "p95", Objective = 0.25, MaxStepUp = 4 });

    private static ScalingRecommendation Recommend(MetricSample sample, int current, int ready, int starting = 0)
    {
        Span<MetricSample> samples = [sample];
        return Policy.Recommend(new ScalingContext("web", Now, current, ready, starting, Names, samples));
    }

    [Theory]
    [InlineData(0.30, 10, 12)] // 20 % over: ceil(0.2 × 10) = 2
    [InlineData(0.26, 10, 11)] // 4 % over: at least one
    [InlineData(1.00, 10, 14)] // 300 % over: at most MaxStepUp
    [InlineData(0.20, 10, 10)] // under the objective, above half of it: keep
    [InlineData(0.10, 10, 9)]  // under half the objective: one fewer
    public void Recommends_a_step_proportional_to_the_overshoot(double p95, int current, int expected)
    {
        var r = Recommend(MetricSample.Valid(p95, Now), current, current);
        Assert.Equal(expected, r.DesiredInstances);
        Assert.Equal(RecommendationValidity.Complete, r.Validity);
    }

    [Fact]
    public void Keeps_the_count_while_instances_are_starting_instead_of_scaling_in()
        => Assert.Equal(10, Recommend(MetricSample.Valid(0.01, Now), 10, 8, starting: 2).DesiredInstances);

    [Fact]
    public void Missing_failed_and_no_ready_instance_are_no_data_never_a_scale_down()
    {
        foreach (var r in new[]
        {
            Recommend(MetricSample.Missing(Now), 10, 10),
            Recommend(MetricSample.Failed(Now, "timeout"), 10, 10),
            Recommend(MetricSample.Valid(0.01, Now), 3, 0, starting: 3),
        })
        {
            Assert.Equal(RecommendationValidity.None, r.Validity);
            Assert.Equal(ScalingReason.MissingMetrics, r.Reason);
        }
    }

    [Fact]
    public void Recommend_allocates_nothing()
    {
        Span<MetricSample> samples = [MetricSample.Valid(0.3, Now)];
        var context = new ScalingContext("web", Now, 10, 10, 0, Names, samples);
        Policy.Recommend(context); // JIT first
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Policy.Recommend(context);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("Metric", "Metric is ''; it must name a metric of the group")]
    [InlineData("Objective", "Objective is 0; it must be a finite number above 0")]
    [InlineData("Gain", "Gain is -1; it must be a finite number above 0")]
    [InlineData("MaxStepUp", "MaxStepUp is 0")]
    [InlineData("ScaleInBelow", "ScaleInBelow is 1; it must be at least 0 and below 1")]
    public void Validator_names_the_group_field_and_value(string field, string expected)
    {
        var o = new SloStepPolicyOptions { Metric = "p95", Objective = 0.25 };
        switch (field)
        {
            case "Metric": o.Metric = string.Empty; break;
            case "Objective": o.Objective = 0; break;
            case "Gain": o.Gain = -1; break;
            case "MaxStepUp": o.MaxStepUp = 0; break;
            default: o.ScaleInBelow = 1; break;
        }

        var failure = Assert.Single(new SloStepPolicyOptionsValidator().Validate("web/SloStep#3", o).Failures!);
        Assert.StartsWith("AutoScaling group 'web', SloStep policy: ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SloStepPolicy(o));
    }
}
