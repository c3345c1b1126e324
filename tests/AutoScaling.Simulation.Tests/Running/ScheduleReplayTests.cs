using AutoScaling.Policies;

namespace AutoScaling.Simulation.Tests.Running;

/// <summary>A schedule runs in the simulator: the trace's time maps to <see cref="SimulationOptions.StartTime"/>.</summary>
public class ScheduleReplayTests
{
    private static SchedulePolicy Office() => new(
        new SchedulePolicyOptions { Entries = { new ScheduleEntry { Name = "office", Start = "0 8 * * 1-5", End = "0 18 * * 1-5", TimeZone = "Europe/Berlin", Floor = 4 } } },
        TimeZoneInfo.Utc);

    private static double[] Hours(SimulationOptions options)
    {
        var trace = Scenarios.Minutes(Enumerable.Repeat(50.0, 24 * 60).ToArray()); // one day, half an instance's load
        var series = new SimulationSeries();
        new Simulator("web", Scenarios.Group(), [Scenarios.TargetTracking(), Office()], options).Run(trace, series);
        var desiredByHour = new double[24];
        foreach (var p in series.Points)
        {
            desiredByHour[(int)(p.Seconds / 3600)] = Math.Max(desiredByHour[(int)(p.Seconds / 3600)], p.Desired);
        }

        return desiredByHour;
    }

    [Fact]
    public void The_floor_holds_from_eight_to_six_Berlin_time_on_the_mapped_date()
    {
        // Monday 2026-03-02 00:00 UTC: 08:00–18:00 Berlin (CET) is 07:00–17:00 UTC.
        var desired = Hours(Scenarios.Instant(o => o.StartTime = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)));

        Assert.All(desired[..7], d => Assert.Equal(1, d));
        Assert.All(desired[7..17], d => Assert.Equal(4, d));
        Assert.All(desired[17..], d => Assert.Equal(1, d));
    }

    [Fact]
    public void On_a_Sunday_the_floor_stays_off()
        => Assert.All(Hours(Scenarios.Instant(o => o.StartTime = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero))), d => Assert.Equal(1, d));

    [Fact]
    public void A_config_names_the_schedule_by_type()
    {
        var path = Path.Combine(Path.GetTempPath(), $"schedule-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "AutoScaling": { "Groups": { "web": {
              "MinInstances": 1, "MaxInstances": 10,
              "Policies": [
                { "Type": "TargetTracking", "Metric": "rps", "TargetPerInstance": 100 },
                { "Type": "Schedule", "Entries": [ { "Name": "office", "Start": "0 8 * * 1-5", "End": "0 18 * * 1-5", "TimeZone": "Europe/Berlin", "Floor": 4 } ] }
              ] } } } }
            """);
        try
        {
            var (_, policies) = AppSettingsImport.Load(path, "web", new SimulationOptions());
            Assert.Contains(policies, p => p is SchedulePolicy);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
