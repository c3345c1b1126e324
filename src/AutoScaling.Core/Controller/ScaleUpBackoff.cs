namespace AutoScaling.Controller;

/// <summary>
/// Backs off after scale-ups that added nothing (one interval, then doubling up to five minutes), so a broken backend
/// is not hammered. Times are ticks; the controller and the simulator both keep one.
/// </summary>
internal struct ScaleUpBackoff
{
    private static readonly long MaxTicks = TimeSpan.FromMinutes(5).Ticks;

    private long _nextAt;

    /// <summary>Gets the scale-ups in a row that added nothing.</summary>
    public int Failures { get; private set; }

    /// <summary>Gets when the next scale-up may start, in ticks (<see cref="long.MinValue"/> when not backing off).</summary>
    public readonly long NextAt => Failures == 0 ? long.MinValue : _nextAt;

    /// <summary>Whether a scale-up decided at <paramref name="now"/> must wait.</summary>
    public readonly bool Holds(long now) => now < NextAt;

    /// <summary>Records the outcome of an action from <paramref name="from"/> towards <paramref name="to"/> that reached <paramref name="reached"/>.</summary>
    public void Record(long decidedAt, long interval, int from, int to, int reached)
    {
        if (to <= from)
        {
            return;
        }

        if (reached > from)
        {
            Failures = 0;
            return;
        }

        Failures++;
        var backoff = Math.Min(MaxTicks, interval * (1L << Math.Min(Failures - 1, 20)));
        _nextAt = decidedAt + backoff - (interval / 2); // half an interval of slack for the ticks' jitter
    }

    /// <summary>Forgets the failures.</summary>
    public void Reset() => Failures = 0;
}
