namespace AutoScaling.Simulation;

/// <summary>
/// Reads a <see cref="LoadTrace"/> at times that never go back, in amortized constant time: the bucket at a time and the
/// requests up to it. Before the trace starts the first bucket's rate is assumed, so a window reaching back reads it.
/// </summary>
internal struct TraceCursor(LoadTrace trace)
{
    private readonly LoadTrace _trace = trace;
    private int _index;

    /// <summary>Gets the bucket that holds <paramref name="seconds"/> (the first one before the trace, the last one after it).</summary>
    public int Bucket(double seconds)
    {
        var starts = _trace.Seconds;
        while (_index + 1 < starts.Length && starts[_index + 1] <= seconds)
        {
            _index++;
        }

        return _index;
    }

    /// <summary>Gets the requests from the trace's start to <paramref name="seconds"/> (negative before the start).</summary>
    public double RequestsUntil(double seconds)
    {
        var i = Bucket(seconds);
        var end = Math.Min(seconds, _trace.End);
        return _trace.Cumulative[i] + (_trace.Rates[i] * (end - _trace.Seconds[i]));
    }

    /// <summary>Gets the average rate over <c>[from, to)</c>, as a <c>rate()</c> over that window reads it; the rate at <paramref name="to"/> when the window is empty.</summary>
    public static double Average(ref TraceCursor from, ref TraceCursor to, double start, double end)
    {
        if (!(end > start))
        {
            return to._trace.Rates[to.Bucket(end)];
        }

        var requests = to.RequestsUntil(end) - from.RequestsUntil(start);
        return Math.Max(0, requests / (end - start));
    }
}
