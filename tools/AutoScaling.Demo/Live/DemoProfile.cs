namespace AutoScaling.Demo.Live;

/// <summary>
/// The demo's load: a ramp up, a plateau, a spike of twice the plateau, the plateau again, a ramp down; each phase a share
/// of the run, so <c>--duration</c> shortens all of them. Built as the load tool's trace profile (half-second rows played
/// at real speed), so the load tool's open-loop runner sends it as it sends any trace.
/// </summary>
internal static class DemoProfile
{
    /// <summary>The phases: where each starts (share of the run), and its rate at its start and its end (share of the plateau).</summary>
    private static readonly (double Start, double From, double To, string Name)[] s_phases =
    [
        (0.00, 1.0 / 6, 1, "ramp up"),
        (0.25, 1, 1, "plateau"),
        (0.50, 2, 2, "spike"),
        (0.60, 1, 1, "plateau"),
        (0.70, 1, 1.0 / 6, "ramp down"),
    ];

    private const double Step = 0.5;

    /// <summary>The rate at <paramref name="elapsed"/> of a run of <paramref name="duration"/> with plateau <paramref name="plateau"/> (requests per second).</summary>
    public static double RateAt(TimeSpan elapsed, TimeSpan duration, double plateau)
    {
        var share = Math.Clamp(elapsed / duration, 0, 1);
        var i = s_phases.Length - 1;
        while (i > 0 && share < s_phases[i].Start)
        {
            i--;
        }

        var (start, from, to, _) = s_phases[i];
        var end = i + 1 < s_phases.Length ? s_phases[i + 1].Start : 1;
        return plateau * (from + ((to - from) * (share - start) / (end - start)));
    }

    /// <summary>The phase's name at <paramref name="elapsed"/>.</summary>
    public static string PhaseAt(TimeSpan elapsed, TimeSpan duration)
    {
        var share = elapsed / duration;
        var name = s_phases[0].Name;
        foreach (var phase in s_phases)
        {
            if (share >= phase.Start)
            {
                name = phase.Name;
            }
        }

        return share >= 1 ? "done" : name;
    }

    /// <summary>The profile as the load tool's trace: one row per half second, each holding the rate at its middle.</summary>
    public static Load.TraceProfile Trace(TimeSpan duration, double plateau)
    {
        var rows = new List<(double Seconds, double Rate)>();
        for (var t = 0.0; t < duration.TotalSeconds; t += Step)
        {
            rows.Add((t, RateAt(TimeSpan.FromSeconds(t + (Step / 2)), duration, plateau)));
        }

        return new Load.TraceProfile(rows, Speed: 1, RateScale: 1);
    }
}
