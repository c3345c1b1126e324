namespace AutoScaling.Load;

/// <summary>
/// When each request is due: the n-th request is sent when the profile's integral (the requests it asks for so far)
/// reaches n, so the schedule follows the profile whatever the answers (open loop, no coordinated omission). The
/// integral is stepped in <see cref="Resolution"/>; both caps end it.
/// </summary>
internal static class LoadSchedule
{
    /// <summary>The integration step: 1 ms.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(1);

    /// <summary>Lists the send times from the start, in order.</summary>
    /// <param name="profile">The rate over time.</param>
    /// <param name="duration">No request is due at or after this.</param>
    /// <param name="maxRequests">No more requests than this.</param>
    /// <returns>The due times.</returns>
    public static IEnumerable<TimeSpan> SendTimes(LoadProfile profile, TimeSpan duration, long maxRequests)
    {
        var end = profile.Length is { } length && length < duration ? length : duration;
        var step = Resolution.TotalSeconds;
        double owed = 0;
        long sent = 0;
        for (var tick = 0L; sent < maxRequests; tick++)
        {
            var at = Resolution * tick;
            if (at >= end)
            {
                yield break;
            }

            // The first request goes as soon as the rate is above zero; each next one once a whole request more is owed
            // (with a tolerance for the float sum, so 50/s is every 20 ms, not every 21).
            if (owed + 1e-9 >= sent && (sent > 0 || profile.RateAt(at) > 0))
            {
                sent++;
                yield return at;
            }

            owed += Math.Max(0, profile.RateAt(at)) * step;
        }
    }
}
