using System.Globalization;
using Microsoft.Extensions.Options;

namespace AutoScaling.Policies;

/// <summary>Validates <see cref="SchedulePolicyOptions"/>: every cron expression parses and every time zone exists; messages name the group, the field and the value.</summary>
internal sealed class SchedulePolicyOptionsValidator : IValidateOptions<SchedulePolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulePolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(PolicyOptionsKey.GroupOf(name), SchedulePolicy.Kind + " policy");
        if (options.Entries.Count == 0)
        {
            m.Add(nameof(options.Entries), options.Entries.Count, "at least one entry is needed");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Entries.Count; i++)
        {
            var e = options.Entries[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{nameof(options.Entries)}:{i}:");
            if (e is null)
            {
                m.Add(at.TrimEnd(':'), null, "it must be an entry");
                continue;
            }

            if (string.IsNullOrWhiteSpace(e.Name))
            {
                m.Add(at + nameof(e.Name), e.Name, "it must name the entry (the group's status shows it while the entry is active)");
            }
            else if (!names.Add(e.Name))
            {
                m.Add(at + nameof(e.Name), e.Name, "another entry has the same name");
            }

            if (!ScheduleCron.TryParse(e.Start, out _, out var error))
            {
                m.Add(at + nameof(e.Start), e.Start, error);
            }

            if (e.End is null == e.Duration is null)
            {
                m.Add(at + nameof(e.End), e.End, "set exactly one of End (a cron expression) and Duration");
            }
            else if (e.End is not null && !ScheduleCron.TryParse(e.End, out _, out error))
            {
                m.Add(at + nameof(e.End), e.End, error);
            }
            else if (e.Duration is { } d)
            {
                m.Positive(at + nameof(e.Duration), d);
            }

            if (!ScheduleCron.TryFindZone(e.TimeZone, TimeZoneInfo.Utc, out _))
            {
                m.Add(at + nameof(e.TimeZone), e.TimeZone, "it must be an IANA time zone id such as 'Europe/Berlin' or 'UTC', or unset for the local time zone");
            }

            if (e.Min is null && e.Max is null && e.Floor is null)
            {
                m.Add(at + nameof(e.Floor), null, "set at least one of Min, Max and Floor");
            }

            Check(m, at + nameof(e.Min), e.Min);
            Check(m, at + nameof(e.Max), e.Max);
            Check(m, at + nameof(e.Floor), e.Floor);
            if (e.Min is { } min && e.Max is { } max)
            {
                m.NotGreaterThan(at + nameof(e.Min), min, nameof(e.Max), max);
            }

            if (e.Floor is { } floor && e.Max is { } cap)
            {
                m.NotGreaterThan(at + nameof(e.Floor), floor, nameof(e.Max), cap);
            }
        }

        return m.ToResult();
    }

    private static void Check(ValidationMessages m, string field, int? value)
    {
        if (value is { } v)
        {
            m.NotNegative(field, v);
        }
    }
}
