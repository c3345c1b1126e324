using AutoScaling.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Schedule;

public class SchedulePolicyTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    internal static SchedulePolicy Policy(params ScheduleEntry[] entries) => Policy(TimeZoneInfo.Utc, entries);

    internal static SchedulePolicy Policy(TimeZoneInfo local, params ScheduleEntry[] entries)
    {
        var options = new SchedulePolicyOptions();
        foreach (var e in entries)
        {
            options.Entries.Add(e);
        }

        return new SchedulePolicy(options, local);
    }

    internal static ScalingRecommendation At(IScalingPolicy policy, string utc, int current = 1)
    {
        var context = new ScalingContext("g", DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture), current, current, 0, [], []);
        return policy.Recommend(in context);
    }

    private static ScheduleEntry OfficeHours() => new() { Name = "office", Start = "0 8 * * 1-5", End = "0 18 * * 1-5", TimeZone = "Europe/Berlin", Floor = 4 };

    [Theory]
    [InlineData("2026-03-02T06:59:59", 0)] // Monday 07:59:59 in Berlin (CET, UTC+1)
    [InlineData("2026-03-02T07:00:00", 4)] // 08:00 Berlin
    [InlineData("2026-03-02T16:59:59", 4)]
    [InlineData("2026-03-02T17:00:00", 0)] // 18:00 Berlin: the end
    [InlineData("2026-03-07T10:00:00", 0)] // Saturday
    [InlineData("2026-06-01T06:00:00", 4)] // Monday 08:00 in summer (CEST, UTC+2)
    [InlineData("2026-06-01T05:59:00", 0)]
    public void Weekdays_from_eight_to_six_in_Berlin_recommend_the_floor(string utc, int expected)
    {
        var r = At(Policy(OfficeHours()), utc);
        Assert.Equal(expected, r.DesiredInstances);
        Assert.Equal(expected > 0 ? ScalingReason.Scheduled : ScalingReason.NoChange, r.Reason);
        Assert.Equal(RecommendationValidity.Complete, r.Validity);
    }

    [Fact]
    public void Evaluations_may_go_back_in_time_and_read_the_state_then()
    {
        var policy = Policy(OfficeHours());
        Assert.Equal(4, At(policy, "2026-03-02T08:00:00").DesiredInstances);
        Assert.Equal(0, At(policy, "2026-03-01T08:00:00").DesiredInstances); // Sunday, before the cached span
        Assert.Equal(4, At(policy, "2026-03-03T08:00:00").DesiredInstances);
    }

    [Fact]
    public void A_duration_ends_the_period_and_overlapping_entries_take_the_largest_floor()
    {
        var policy = Policy(
            new ScheduleEntry { Name = "morning", Start = "0 7 * * *", Duration = TimeSpan.FromHours(2), Floor = 3 },
            new ScheduleEntry { Name = "peak", Start = "30 7 * * *", Duration = TimeSpan.FromMinutes(30), Floor = 6 });
        Assert.Equal(0, At(policy, "2026-03-02T06:59:00").DesiredInstances);
        Assert.Equal(3, At(policy, "2026-03-02T07:00:00").DesiredInstances);
        Assert.Equal(6, At(policy, "2026-03-02T07:45:00").DesiredInstances);
        Assert.Equal(3, At(policy, "2026-03-02T08:00:00").DesiredInstances);
        Assert.Equal(0, At(policy, "2026-03-02T09:00:00").DesiredInstances);
    }

    [Theory]
    // Spring forward, 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC. 02:30 does not exist: Cronos fires at the transition.
    [InlineData("2026-03-29T00:59:00", 0)]
    [InlineData("2026-03-29T01:00:00", 5)]
    [InlineData("2026-03-29T01:59:00", 5)]
    [InlineData("2026-03-29T02:00:00", 0)]
    [InlineData("2026-03-30T00:30:00", 5)] // the next day, 02:30 CEST again
    // Fall back, 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC. 02:30 happens twice; a fixed time fires once, in the first.
    [InlineData("2026-10-25T00:29:00", 0)]
    [InlineData("2026-10-25T00:30:00", 5)] // 02:30 CEST
    [InlineData("2026-10-25T01:29:00", 5)]
    [InlineData("2026-10-25T01:30:00", 0)] // 02:30 CET, the repeated hour: no second start
    [InlineData("2026-10-25T02:00:00", 0)]
    public void A_fixed_time_in_the_skipped_or_repeated_hour_follows_Cronos(string utc, int expected)
    {
        var policy = Policy(new ScheduleEntry { Name = "night", Start = "30 2 * * *", Duration = TimeSpan.FromHours(1), TimeZone = "Europe/Berlin", Floor = 5 });
        Assert.Equal(expected, At(policy, utc).DesiredInstances);
    }

    [Theory]
    // An interval in the minute field with any hour fires in both copies of the repeated hour.
    [InlineData("2026-10-25T00:30:00", 2)] // 02:30 CEST
    [InlineData("2026-10-25T00:45:00", 0)]
    [InlineData("2026-10-25T01:30:00", 2)] // 02:30 CET
    [InlineData("2026-10-25T01:45:00", 0)]
    public void An_interval_fires_in_both_copies_of_the_repeated_hour(string utc, int expected)
    {
        var policy = Policy(new ScheduleEntry { Name = "every half hour", Start = "*/30 * * * *", Duration = TimeSpan.FromMinutes(10), TimeZone = "Europe/Berlin", Floor = 2 });
        Assert.Equal(expected, At(policy, utc).DesiredInstances);
    }

    [Theory]
    [InlineData("2026-03-29T00:59:00", 0)]
    [InlineData("2026-03-29T01:00:00", 5)]
    [InlineData("2026-10-25T00:30:00", 5)]
    [InlineData("2026-10-25T01:30:00", 0)]
    public void An_entry_without_a_zone_reads_the_time_providers_zone(string utc, int expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture));
        time.SetLocalTimeZone(Berlin);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddAutoScaling().AddScalingGroup("web", g => g
            .UseInstances(static _ => throw new NotSupportedException())
            .UseSchedule(s => s.Entries.Add(new ScheduleEntry { Name = "night", Start = "30 2 * * *", Duration = TimeSpan.FromHours(1), Floor = 5 })));
        using var provider = services.BuildServiceProvider();

        var policy = Assert.Single(CreatePolicies(provider));

        var context = new ScalingContext("web", time.GetUtcNow(), 1, 1, 0, [], []);
        Assert.Equal(expected, policy.Recommend(in context).DesiredInstances);
    }

    [Fact]
    public void Evaluating_between_transitions_allocates_nothing()
    {
        var policy = Policy(OfficeHours(), new ScheduleEntry { Name = "night", Start = "0 22 * * *", End = "0 6 * * *", TimeZone = "Europe/Berlin", Max = 2 });
        var start = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
        var i = 0;
        var bytes = AllocatedBytes(() =>
        {
            var context = new ScalingContext("g", start.AddSeconds(i++ % 3600), 1, 1, 0, [], []);
            return policy.Recommend(in context).DesiredInstances;
        });
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Crossing_a_transition_recomputes_with_Cronos_and_allocates_nothing_either()
    {
        // Every call crosses the 08:00 start, so every call asks Cronos for the previous and next occurrences (UTC DateTime overloads).
        var policy = Policy(OfficeHours());
        var times = new[] { new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero) };
        var i = 0;
        var bytes = AllocatedBytes(() =>
        {
            var context = new ScalingContext("g", times[i++ & 1], 1, 1, 0, [], []);
            return policy.Recommend(in context).DesiredInstances;
        }, calls: 1_000);
        Assert.Equal(0, bytes);
    }
}
