namespace Quickstart;

/// <summary>A synthetic request rate over 20 simulated minutes: quiet, a ramp, a spike, and quiet again.</summary>
internal static class LoadCurve
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(20);

    /// <summary>Requests per second at <paramref name="elapsed"/> since the start.</summary>
    public static double At(TimeSpan elapsed)
    {
        var m = elapsed.TotalMinutes;
        return m switch
        {
            < 3 => 150,
            < 8 => 150 + ((m - 3) / 5 * 750),   // ramp to 900
            < 9 => 900,
            < 11 => 1800,                        // flash crowd
            < 12 => 900,
            _ => 200,                            // quiet
        };
    }
}
