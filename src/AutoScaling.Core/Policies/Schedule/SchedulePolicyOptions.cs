namespace AutoScaling.Policies;

/// <summary>Options of the <see cref="SchedulePolicy"/>: periods, given by cron expressions in a time zone, that set a minimum, a maximum or a floor.</summary>
public sealed class SchedulePolicyOptions
{
    /// <summary>Gets the periods. At least one; when several are active at once the largest minimum, the smallest maximum and the largest floor apply.</summary>
    public IList<ScheduleEntry> Entries { get; } = new List<ScheduleEntry>();
}
