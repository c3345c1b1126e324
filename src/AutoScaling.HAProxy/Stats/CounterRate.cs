namespace AutoScaling.HAProxy;

/// <summary>
/// A per-second rate from two reads of a monotonic counter. The first read and a read after a reset (the counter went
/// down: HAProxy was reloaded or restarted) give no rate, never a negative one; a read of the same snapshot again gives
/// the same answer.
/// </summary>
internal struct CounterRate
{
    private long _counter;
    private long _timestamp;
    private bool _has;
    private double _rate;
    private string? _missing;

    /// <summary>Takes a new read of the counter.</summary>
    /// <param name="counter">The counter's value.</param>
    /// <param name="timestamp">When it was read (<see cref="TimeProvider.GetTimestamp"/>).</param>
    /// <param name="time">The clock of <paramref name="timestamp"/>.</param>
    /// <param name="rate">The rate per second, when there is one.</param>
    /// <returns><see langword="null"/> with a rate, or why there is none.</returns>
    public string? Next(long counter, long timestamp, TimeProvider time, out double rate)
    {
        if (_has && timestamp == _timestamp)
        {
            rate = _rate;
            return _missing;
        }

        var elapsed = _has ? time.GetElapsedTime(_timestamp, timestamp).TotalSeconds : 0;
        _missing = !_has ? "A rate needs two reads of the counter; this is the first."
            : counter < _counter ? "The counter went down (HAProxy was reloaded or restarted); the rate restarts from this read."
            : elapsed <= 0 ? "No time passed since the previous read."
            : null;
        _rate = _missing is null ? (counter - _counter) / elapsed : double.NaN;
        _counter = counter;
        _timestamp = timestamp;
        _has = true;
        rate = _rate;
        return _missing;
    }
}
