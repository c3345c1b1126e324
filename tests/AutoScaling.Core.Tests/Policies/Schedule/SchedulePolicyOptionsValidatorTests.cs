using AutoScaling.Policies;
using Microsoft.Extensions.Options;
using static AutoScaling.Core.Tests.Policies.PolicyTestKit;

namespace AutoScaling.Core.Tests.Policies.Schedule;

public class SchedulePolicyOptionsValidatorTests
{
    private static IReadOnlyList<string> Check(params ScheduleEntry[] entries)
    {
        var options = new SchedulePolicyOptions();
        foreach (var e in entries)
        {
            options.Entries.Add(e);
        }

        return Failures(new SchedulePolicyOptionsValidator(), options);
    }

    private static ScheduleEntry Good() => new() { Name = "office", Start = "0 8 * * 1-5", End = "0 18 * * 1-5", TimeZone = "Europe/Berlin", Floor = 4 };

    [Fact]
    public void A_good_entry_passes() => Assert.Empty(Check(Good(), new ScheduleEntry { Name = "sale", Start = "0 0 27 11 *", Duration = TimeSpan.FromDays(4), Min = 6, Max = 20 }));

    [Fact]
    public void No_entry_is_refused() => Assert.Equal(["AutoScaling group 'web', Schedule policy: Entries is 0; at least one entry is needed."], Check());

    [Fact]
    public void A_bad_cron_expression_is_refused_naming_the_field_and_value()
    {
        var e = Good();
        e.Start = "0 25 * * *";
        var failure = Assert.Single(Check(e));
        Assert.StartsWith("AutoScaling group 'web', Schedule policy: Entries:0:Start is '0 25 * * *'; it must be a cron expression of 5 fields", failure);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
        => Assert.Equal(
            ["AutoScaling group 'web', Schedule policy: Entries:0:TimeZone is 'Europe/Atlantis'; it must be an IANA time zone id such as 'Europe/Berlin' or 'UTC', or unset for the local time zone."],
            Check(new ScheduleEntry { Name = "x", Start = "0 8 * * *", Duration = TimeSpan.FromHours(1), TimeZone = "Europe/Atlantis", Floor = 1 }));

    [Fact]
    public void Every_other_mistake_is_named()
    {
        var failures = Check(
            new ScheduleEntry { Name = "a", Start = "0 8 * * *", End = "0 9 * * *", Duration = TimeSpan.FromHours(1) },
            new ScheduleEntry { Name = "a", Start = "0 8 * * *", Duration = TimeSpan.Zero, Min = 5, Max = 3, Floor = -1 },
            new ScheduleEntry { Name = " ", Start = "0 8 * * *", End = "bad", Max = 2, Floor = 3 });

        string[] expected =
            [
                "AutoScaling group 'web', Schedule policy: Entries:0:End is '0 9 * * *'; set exactly one of End (a cron expression) and Duration.",
                "AutoScaling group 'web', Schedule policy: Entries:0:Floor is null; set at least one of Min, Max and Floor.",
                "AutoScaling group 'web', Schedule policy: Entries:1:Name is 'a'; another entry has the same name.",
                "AutoScaling group 'web', Schedule policy: Entries:1:Duration is 00:00:00; it must be positive.",
                "AutoScaling group 'web', Schedule policy: Entries:1:Floor is -1; it must not be negative.",
                "AutoScaling group 'web', Schedule policy: Entries:1:Min is 5; it must not be greater than Max (3).",
                "AutoScaling group 'web', Schedule policy: Entries:2:Name is ' '; it must name the entry (the group's status shows it while the entry is active).",
                "AutoScaling group 'web', Schedule policy: Entries:2:End is 'bad'; it must be a cron expression of 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or a macro such as @daily (The given cron expression has an invalid format. Minutes:",
                "AutoScaling group 'web', Schedule policy: Entries:2:Floor is 3; it must not be greater than Max (2).",
            ];
        Assert.Equal(expected.Length, failures.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i], failures[i], StringComparison.Ordinal); // Cronos' own reason follows on the cron lines
        }
    }

    [Fact]
    public void Configuration_binds_the_entries_and_a_bad_one_stops_the_start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AutoScaling:Groups:web:MinInstances"] = "1",
            ["AutoScaling:Groups:web:MaxInstances"] = "10",
            ["AutoScaling:Groups:web:Policies:0:Type"] = "Schedule",
            ["AutoScaling:Groups:web:Policies:0:Entries:0:Name"] = "office",
            ["AutoScaling:Groups:web:Policies:0:Entries:0:Start"] = "0 8 * * 1-5",
            ["AutoScaling:Groups:web:Policies:0:Entries:0:End"] = "0 18 * * 1-5",
            ["AutoScaling:Groups:web:Policies:0:Entries:0:TimeZone"] = "Europe/Berlin",
            ["AutoScaling:Groups:web:Policies:0:Entries:0:Floor"] = "4",
            ["AutoScaling:Groups:web:Policies:0:Entries:1:Name"] = "night",
            ["AutoScaling:Groups:web:Policies:0:Entries:1:Start"] = "0 22 * * *",
            ["AutoScaling:Groups:web:Policies:0:Entries:1:Duration"] = "08:00:00",
            ["AutoScaling:Groups:web:Policies:0:Entries:1:TimeZone"] = "Mars/Olympus",
            ["AutoScaling:Groups:web:Policies:0:Entries:1:Max"] = "2",
        };
        using var services = GroupFromConfiguration(settings);

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Equal(["AutoScaling group 'web', Schedule policy: Entries:1:TimeZone is 'Mars/Olympus'; it must be an IANA time zone id such as 'Europe/Berlin' or 'UTC', or unset for the local time zone."], ex.Failures);

        settings["AutoScaling:Groups:web:Policies:0:Entries:1:TimeZone"] = "UTC";
        using var fixedServices = GroupFromConfiguration(settings);
        ValidateOnStart(fixedServices);
        var policy = Assert.IsType<SchedulePolicy>(Assert.Single(CreatePolicies(fixedServices)));
        Assert.Equal(4, SchedulePolicyTests.At(policy, "2026-03-02T08:00:00").DesiredInstances);
    }
}
