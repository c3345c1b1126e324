using Cronos;

namespace AutoScaling.Policies;

/// <summary>Reads the cron expressions and time zones of schedule entries, one way for the validator and the policy.</summary>
internal static class ScheduleCron
{
    /// <summary>Parses 5 fields (minute first), 6 fields (seconds first) or a macro such as <c>@daily</c>.</summary>
    public static bool TryParse(string? text, out CronExpression expression, out string error)
    {
        expression = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "it must be a cron expression such as '0 8 * * 1-5'";
            return false;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
        try
        {
            expression = CronExpression.Parse(text.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            error = string.Empty;
            return true;
        }
        catch (CronFormatException ex)
        {
            error = $"it must be a cron expression of 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or a macro such as @daily ({ex.Message.TrimEnd('.')})";
            return false;
        }
    }

    /// <summary>Finds an IANA (or Windows) time zone id; <see langword="null"/> picks <paramref name="local"/>.</summary>
    public static bool TryFindZone(string? id, TimeZoneInfo local, out TimeZoneInfo zone)
    {
        if (id is null)
        {
            zone = local;
            return true;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }
}
