namespace AutoScaling.HAProxy;

/// <summary>The health check HAProxy runs against the servers this library adds (<c>check inter … rise … fall …</c>).</summary>
public sealed class HAProxyCheckOptions
{
    /// <summary>Gets or sets a value indicating whether servers are checked. Without a check a server takes traffic as soon as it is ready.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the interval between checks (<c>inter</c>), from 10 ms to 1 hour, whole milliseconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the interval between checks while a server is down (<c>downinter</c>), from 10 ms to 1 hour, whole
    /// milliseconds; 100 ms by default. A server this library adds starts down, so this is also how soon its first check
    /// comes: with <see cref="Interval"/> alone HAProxy waits a whole interval (1 s by default) before it, measured.
    /// </summary>
    public TimeSpan DownInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets how many good checks bring a server up (<c>rise</c>), 1 to 100.</summary>
    public int Rise { get; set; } = 1;

    /// <summary>Gets or sets how many failed checks take a server down (<c>fall</c>), 1 to 100.</summary>
    public int Fall { get; set; } = 2;

    /// <summary>
    /// Gets or sets how long a server that just came up takes to reach its full weight (<c>slowstart</c>), so a new
    /// server is not hit by a burst; zero (the default) for none, at most 1 hour, whole milliseconds. Needs the check.
    /// </summary>
    public TimeSpan SlowStart { get; set; }

    internal void Validate(ValidationMessages m, string prefix)
    {
        if (Interval < TimeSpan.FromMilliseconds(10) || Interval > TimeSpan.FromHours(1) || Interval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            m.Add(prefix + nameof(Interval), Interval, "it must be whole milliseconds from 10 ms to 1 hour");
        }

        if (DownInterval < TimeSpan.FromMilliseconds(10) || DownInterval > TimeSpan.FromHours(1) || DownInterval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            m.Add(prefix + nameof(DownInterval), DownInterval, "it must be whole milliseconds from 10 ms to 1 hour");
        }

        if (SlowStart < TimeSpan.Zero || SlowStart > TimeSpan.FromHours(1) || SlowStart.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            m.Add(prefix + nameof(SlowStart), SlowStart, "it must be whole milliseconds from 0 to 1 hour");
        }

        m.InRange(prefix + nameof(Rise), Rise, 1, 100);
        m.InRange(prefix + nameof(Fall), Fall, 1, 100);
    }

    internal void Require()
    {
        var m = new ValidationMessages("(direct use)", "HAProxy check");
        Validate(m, "Check:");
        if (m.Failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", m.Failures), "check");
        }
    }
}
