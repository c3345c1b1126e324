using AutoScaling.Policies;

namespace AutoScaling.Tests.Controller;

public class ScheduleStatusTests
{
    [Fact]
    public async Task The_status_names_the_active_schedule_entries_and_the_decision_says_scheduled()
    {
        using var h = GroupHarness.Create(g => g.UseSchedule(s =>
        {
            s.Entries.Add(new ScheduleEntry { Name = "all day", Start = "0 0 * * *", Duration = TimeSpan.FromDays(1), Floor = 3 });
            s.Entries.Add(new ScheduleEntry { Name = "never", Start = "0 0 30 2 *", Duration = TimeSpan.FromHours(1), Floor = 9 });
        }));

        var decision = await h.TickAsync();

        Assert.Equal(ScalingReason.Scheduled, decision!.Value.Reason);
        Assert.Equal(3, decision.Value.DesiredInstances);
        Assert.Equal(["all day"], h.Control.GetStatus("web").ActiveSchedules);
    }
}
