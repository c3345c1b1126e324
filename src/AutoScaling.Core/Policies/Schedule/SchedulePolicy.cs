using Cronos;

namespace AutoScaling.Policies;

/// <summary>
/// Sets a minimum, a maximum or a floor for periods given by cron expressions in a time zone, as AWS scheduled actions and
/// the KEDA cron scaler do: "weekdays 08:00–18:00 Europe/Berlin at least 4".
/// </summary>
/// <remarks>
/// <para>An entry is active at <c>t</c> when its latest start at or before <c>t</c> is later than its latest end at or
/// before <c>t</c> (or, with a duration, when that start plus the duration is after <c>t</c>). Occurrences follow Cronos'
/// daylight-saving rules: a time skipped by a spring-forward transition fires at the transition; a time repeated by a
/// fall-back transition fires once, in the first (daylight) hour, unless the expression repeats within the hour
/// (<c>*/30</c> in the minute field with <c>*</c> hours), which fires in both.</para>
/// <para>While active, the floor is the recommendation (the engine takes the largest of all policies), and the minimum and
/// maximum narrow the group's <c>MinInstances</c> and <c>MaxInstances</c>, never widen them. Outside every period the
/// policy recommends 0, so the other policies decide; alone, it leaves the group at its minimum.</para>
/// <para>The state of every entry is computed when an evaluation's time leaves the span over which it holds (until the
/// next start or end of any entry), so evaluations between transitions only compare two cached times. Neither path
/// allocates: Cronos' occurrence searches over UTC <see cref="DateTime"/> allocate nothing (measured in the tests).</para>
/// </remarks>
public sealed class SchedulePolicy : IScalingPolicy, IScalingLimits
{
    /// <summary>The policy's kind, as used in messages and configuration.</summary>
    public const string Kind = "Schedule";

    private readonly Entry[] _entries;
    private long _validFrom = long.MaxValue;
    private long _validUntil = long.MinValue;
    private int _min;
    private int _max = int.MaxValue;
    private int _floor = -1;

    /// <summary>Initializes a new instance of the <see cref="SchedulePolicy"/> class.</summary>
    /// <param name="options">The options (validated: cron expressions and time zones are read here).</param>
    /// <param name="localTimeZone">The time zone of entries that name none; the group's <see cref="TimeProvider.LocalTimeZone"/>.</param>
    public SchedulePolicy(SchedulePolicyOptions options, TimeZoneInfo localTimeZone)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(localTimeZone);
        _entries = new Entry[options.Entries.Count];
        for (var i = 0; i < _entries.Length; i++)
        {
            var e = options.Entries[i];
            CronExpression? end = null;
            if (!ScheduleCron.TryParse(e.Start, out var start, out _)
                || (e.End is not null && !ScheduleCron.TryParse(e.End, out end, out _))
                || !ScheduleCron.TryFindZone(e.TimeZone, localTimeZone, out var zone))
            {
                throw new ArgumentException($"Schedule entry {i} ('{e.Name}') is not valid: validate the options first.", nameof(options));
            }

            _entries[i] = new Entry(e.Name, start, end, e.Duration?.Ticks ?? 0, zone, e.Min, e.Max, e.Floor);
        }
    }

    /// <inheritdoc/>
    public ScalingRecommendation Recommend(in ScalingContext context)
    {
        Refresh(context.Now.UtcTicks);
        return _floor < 0
            ? new ScalingRecommendation(0, ScalingReason.NoChange)
            : new ScalingRecommendation(_floor, ScalingReason.Scheduled);
    }

    void IScalingLimits.Narrow(in ScalingContext context, ref int min, ref int max)
    {
        Refresh(context.Now.UtcTicks);
        min = Math.Max(min, _min);
        max = Math.Min(max, _max);
    }

    /// <summary>Adds the names of the entries active at the last evaluation.</summary>
    internal void AddActiveEntries(List<string> names)
    {
        foreach (var e in _entries)
        {
            if (e.Active)
            {
                names.Add(e.Name);
            }
        }
    }

    private void Refresh(long now)
    {
        if (now >= _validFrom && now < _validUntil)
        {
            return;
        }

        var at = new DateTime(now, DateTimeKind.Utc);
        long until = long.MaxValue;
        int min = 0, max = int.MaxValue, floor = -1;
        for (var i = 0; i < _entries.Length; i++)
        {
            ref var e = ref _entries[i];
            until = Math.Min(until, e.Evaluate(at));
            if (e.Active)
            {
                min = Math.Max(min, e.Min ?? 0);
                max = Math.Min(max, e.Max ?? int.MaxValue);
                floor = Math.Max(floor, e.Floor ?? -1);
            }
        }

        (_validFrom, _validUntil, _min, _max, _floor) = (now, until, min, max, floor);
    }

    private struct Entry(string name, CronExpression start, CronExpression? end, long duration, TimeZoneInfo zone, int? min, int? max, int? floor)
    {
        public readonly string Name = name;
        public readonly int? Min = min;
        public readonly int? Max = max;
        public readonly int? Floor = floor;
        public bool Active;

        /// <summary>Sets <see cref="Active"/> at <paramref name="at"/> and returns when that may next change (UTC ticks).</summary>
        public long Evaluate(DateTime at)
        {
            var lastStart = start.GetPreviousOccurrence(at, zone, inclusive: true);
            var nextStart = Ticks(start.GetNextOccurrence(at, zone, inclusive: false));
            if (end is null)
            {
                var endsAt = lastStart is { } s ? s.Ticks + duration : long.MinValue;
                Active = endsAt > at.Ticks;
                return Active ? Math.Min(nextStart, endsAt) : nextStart;
            }

            var lastEnd = end.GetPreviousOccurrence(at, zone, inclusive: true);
            Active = lastStart is { } ls && (lastEnd is not { } le || ls > le);
            return Math.Min(nextStart, Ticks(end.GetNextOccurrence(at, zone, inclusive: false)));
        }

        private static long Ticks(DateTime? t) => t?.Ticks ?? long.MaxValue;
    }
}
