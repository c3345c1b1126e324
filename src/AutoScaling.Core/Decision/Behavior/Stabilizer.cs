namespace AutoScaling.Decision.Behavior;

/// <summary>
/// Stabilization windows: scaling up follows the lowest recommendation of the up window, scaling down the highest
/// of the down window, so a brief spike or dip does not move the group.
/// </summary>
internal sealed class Stabilizer
{
    private readonly long _upWindow;
    private readonly long _downWindow;
    private readonly TimedRing _history;

    public Stabilizer(TimeSpan upWindow, TimeSpan downWindow, TimeSpan interval)
    {
        _upWindow = upWindow.Ticks;
        _downWindow = downWindow.Ticks;
        // Stryker disable once Arithmetic,Linq : only the initial size; the ring grows when full, so any size gives the same decisions
        var longest = Math.Max(_upWindow, _downWindow);
        // Stryker disable once Arithmetic,Linq : as above
        _history = new TimedRing((int)Math.Clamp((longest / Math.Max(1, interval.Ticks)) + 4, 8, 4096));
    }

    /// <summary>Records <paramref name="recommendation"/> without deciding: a count held while metrics were missing enters the windows.</summary>
    public void Record(long now, int recommendation)
    {
        _history.Prune(now - Math.Max(_upWindow, _downWindow));
        _history.Add(now, recommendation);
    }

    /// <summary>Records <paramref name="recommendation"/> and returns the stabilized count.</summary>
    public int Stabilize(long now, int current, int recommendation)
    {
        Record(now, recommendation);

        var up = recommendation;
        var down = recommendation;
        long upCutoff = now - _upWindow, downCutoff = now - _downWindow;
        for (var i = 0; i < _history.Count; i++)
        {
            var t = _history.TimeAt(i);
            var value = _history.ValueAt(i);
            // Stryker disable once Equality : an equal value leaves the minimum unchanged
            if (t > upCutoff && value < up)
            {
                up = value;
            }

            // Stryker disable once Equality : an equal value leaves the maximum unchanged
            if (t > downCutoff && value > down)
            {
                down = value;
            }
        }

        var stabilized = current;
        // Stryker disable once Equality : at equality both branches give the same count
        if (stabilized < up)
        {
            stabilized = up;
        }

        // Stryker disable once Equality : at equality both branches give the same count
        if (stabilized > down)
        {
            stabilized = down;
        }

        return stabilized;
    }

    public void Reset() => _history.Clear();

    /// <summary>Takes over the history of the stabilizer this one replaces (a reload), as far as this one's windows reach.</summary>
    public void CarryOver(Stabilizer previous, long now) => _history.AddFrom(previous._history, now - Math.Max(_upWindow, _downWindow));
}
