using AutoScaling.InMemory;

namespace AutoScaling.Tests.Controller;

/// <summary>The controller gathers per-instance samples and a per-metric history into the context, through the real DI path.</summary>
public class PerInstanceSamplesTests
{
    /// <summary>A group tracking 100 requests/s per instance, grown to 4 instances.</summary>
    private static async Task<GroupHarness> FourInstancesAsync(SettableMetricSource rps)
    {
        var h = GroupHarness.Create(
            g => g.UseMetric("rps", rps).UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 100; }),
            instances: i => i.StartupDelay = TimeSpan.Zero);
        rps.Set(400);
        Assert.Equal(4, (await h.TickAsync())!.Value.DesiredInstances);
        Assert.Equal(4, h.Store.Count);
        return h;
    }

    [Fact]
    public async Task Issue_16_worked_example_end_to_end_scales_4_to_3_not_to_1()
    {
        var rps = new SettableMetricSource();
        using var h = await FourInstancesAsync(rps);

        // Two instances report 30 requests/s, two report nothing; the group total is 60.
        rps.Set(60);
        rps.SetInstance("mem-1:80", 30);
        rps.SetInstance("mem-2:80", 30);
        h.Time.Advance(TimeSpan.FromSeconds(15));
        var decision = await h.TickAsync();

        Assert.Equal((4, 3), (decision!.Value.CurrentInstances, decision.Value.DesiredInstances));
        Assert.Equal(3, h.Store.Count);
    }

    [Fact]
    public async Task A_source_without_per_instance_values_keeps_the_group_path()
    {
        var rps = new SettableMetricSource();
        using var h = await FourInstancesAsync(rps);
        rps.Set(60);
        h.Time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(1, (await h.TickAsync())!.Value.DesiredInstances);
    }

    [Fact]
    public async Task The_history_carries_the_recent_evaluations_to_a_Nomad_threshold_band()
    {
        var queue = new SettableMetricSource();
        using var h = GroupHarness.Create(
            g => g.UseMetric("queue", queue).UseNomadThreshold(t =>
            {
                t.Metric = "queue";
                t.Window = 4;
                t.Bands.Add(new Policies.NomadThresholdBand { LowerBound = 10, Delta = 1, WithinBoundsTrigger = 3 });
            }),
            o => o.MinInstances = 1,
            i => i.StartupDelay = TimeSpan.Zero);
        int?[] expected = [1, 1, 2, 3, 3, 3];
        double[] values = [50, 50, 50, 0, 0, 0]; // the band needs 3 of the last 4 evaluations
        var seen = new List<int?>();
        for (var i = 0; i < values.Length; i++)
        {
            queue.Set(values[i]);
            seen.Add((await h.TickAsync())?.DesiredInstances);
            h.Time.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_per_instance_read_that_throws_fails_those_samples_and_the_group_path_decides()
    {
        var source = new BrokenPerInstanceSource { Value = 400 };
        using var h = GroupHarness.Create(
            g => g.UseMetric("rps", source).UseTargetTracking(t => { t.Metric = "rps"; t.TargetPerInstance = 100; }),
            instances: i => i.StartupDelay = TimeSpan.Zero);
        Assert.Equal(4, (await h.TickAsync())!.Value.DesiredInstances);
        source.Value = 60;
        h.Time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(1, (await h.TickAsync())!.Value.DesiredInstances);
        Assert.Equal(1, source.InstanceReads);
    }

    /// <summary>A real source (not a mock) whose per-instance read always throws.</summary>
    private sealed class BrokenPerInstanceSource : IInstanceMetricSource
    {
        public double Value { get; set; }

        public int InstanceReads { get; private set; }

        public ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
            => ValueTask.FromResult(MetricSample.Valid(Value, DateTimeOffset.UnixEpoch));

        public ValueTask ReadInstancesAsync(MetricReadContext context, IReadOnlyList<ScalingInstance> instances, Memory<MetricSample> samples, CancellationToken cancellationToken)
        {
            InstanceReads++;
            throw new InvalidOperationException("the stats endpoint is down");
        }
    }
}
