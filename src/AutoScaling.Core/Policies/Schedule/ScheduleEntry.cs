namespace AutoScaling.Policies;

/// <summary>
/// One period of a <see cref="SchedulePolicy"/>: it starts at each occurrence of <see cref="Start"/> and lasts until the
/// next occurrence of <see cref="End"/> (or for <see cref="Duration"/>); while it lasts it sets a minimum, a maximum or a
/// floor, for example weekdays 08:00–18:00 Europe/Berlin at least 4.
/// </summary>
public sealed class ScheduleEntry
{
    /// <summary>Gets or sets the entry's name, shown in the group's status while the entry is active. Required, unique in the policy.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets when the period starts: a cron expression of 5 fields (<c>0 8 * * 1-5</c>) or 6 with seconds first, or a macro (<c>@daily</c>).</summary>
    public string Start { get; set; } = string.Empty;

    /// <summary>Gets or sets when the period ends: a cron expression, read as <see cref="Start"/> is. Set exactly one of <see cref="End"/> and <see cref="Duration"/>.</summary>
    public string? End { get; set; }

    /// <summary>Gets or sets how long the period lasts from each start. Set exactly one of <see cref="End"/> and <see cref="Duration"/>.</summary>
    public TimeSpan? Duration { get; set; }

    /// <summary>
    /// Gets or sets the IANA time zone the cron expressions are read in (<c>Europe/Berlin</c>); <see langword="null"/> for the
    /// local time zone of the group's <see cref="TimeProvider"/> (UTC in most containers).
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>Gets or sets the group's minimum while the entry is active; it narrows <c>MinInstances</c> and is enforced at once, like it.</summary>
    public int? Min { get; set; }

    /// <summary>Gets or sets the group's maximum while the entry is active; it narrows <c>MaxInstances</c> and is enforced at once, like it.</summary>
    public int? Max { get; set; }

    /// <summary>
    /// Gets or sets the count the policy recommends while the entry is active: the group runs at least this many, reached
    /// through the group's stabilization, rate limits and cooldowns like any recommendation.
    /// </summary>
    public int? Floor { get; set; }
}
