using AutoScaling.Policies;
using static AutoScaling.Core.Tests.Policies.Schedule.SchedulePolicyTests;

namespace AutoScaling.Core.Tests.Policies.Schedule;

/// <summary>A schedule's Min and Max narrow the group's limits in the real engine; its Floor is a recommendation.</summary>
public class ScheduleLimitsTests
{
    private static readonly DateTimeOffset Night = new(2026, 3, 2, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day = new(2026, 3, 3, 12, 0, 0, TimeSpan.Zero);

    private static ScalingDecisionEngine Engine(int recommended, ScheduleEntry entry, int min = 1, int max = 10)
    {
        var options = new ScalingGroupOptions { MinInstances = min, MaxInstances = max };
        options.ScaleDown.StabilizationWindow = TimeSpan.Zero;
        IScalingPolicy[] policies = [new FixedPolicy(new FixedPolicyOptions { Instances = recommended }), Policy(entry)];
        return new ScalingDecisionEngine("web", options, [], policies);
    }

    private static ScalingDecision Decide(ScalingDecisionEngine engine, DateTimeOffset now, int current)
    {
        var context = new ScalingContext("web", now, current, current, 0, [], []);
        return engine.Evaluate(in context);
    }

    private static ScheduleEntry Nightly(int? min = null, int? max = null, int? floor = null)
        => new() { Name = "night", Start = "0 22 * * *", End = "0 6 * * *", Min = min, Max = max, Floor = floor };

    [Fact]
    public void A_scheduled_maximum_brings_the_group_down_at_once_and_caps_the_recommendation()
    {
        var engine = Engine(recommended: 6, Nightly(max: 3));

        Assert.Equal(new ScalingDecision(6, 3, 6, ScalingReason.AboveMaximum, false), Decide(engine, Night, 6));
        Assert.Equal(new ScalingDecision(3, 3, 6, ScalingReason.AtMaximum, false), Decide(engine, Night, 3));
        Assert.Equal(new ScalingDecision(3, 6, 6, ScalingReason.ScaleUp, false), Decide(engine, Day, 3));
    }

    [Fact]
    public void A_scheduled_minimum_raises_the_group_at_once()
    {
        var engine = Engine(recommended: 2, Nightly(min: 5));

        Assert.Equal(new ScalingDecision(2, 5, 2, ScalingReason.BelowMinimum, false), Decide(engine, Night, 2));
        Assert.Equal(new ScalingDecision(5, 5, 2, ScalingReason.AtMinimum, false), Decide(engine, Night, 5));
    }

    [Fact]
    public void A_floor_is_the_largest_recommendation_while_active()
    {
        var engine = Engine(recommended: 2, Nightly(floor: 4));

        Assert.Equal(new ScalingDecision(2, 4, 4, ScalingReason.Scheduled, false), Decide(engine, Night, 2));
        Assert.Equal(new ScalingDecision(4, 2, 2, ScalingReason.ScaleDown, false), Decide(engine, Day, 4));
    }

    [Fact]
    public void Scheduled_limits_stay_within_the_groups_own_and_the_minimum_wins_when_they_cross()
    {
        Assert.Equal(10, Decide(Engine(recommended: 1, Nightly(min: 50)), Night, 10).DesiredInstances);
        Assert.Equal(new ScalingDecision(2, 2, 1, ScalingReason.AtMaximum, false), Decide(Engine(recommended: 1, Nightly(max: 0), min: 2), Night, 2));
        var crossing = new ScalingDecisionEngine(
            "web",
            new ScalingGroupOptions { MinInstances = 0, MaxInstances = 10 },
            [],
            [Policy(Nightly(min: 4)), Policy(new ScheduleEntry { Name = "cap", Start = "0 22 * * *", Duration = TimeSpan.FromHours(1), Max = 2 })]);
        Assert.Equal(4, Decide(crossing, Night, 0).DesiredInstances);
    }
}
