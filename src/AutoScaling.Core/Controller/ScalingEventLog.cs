namespace AutoScaling.Controller;

/// <summary>The most recent scaling events of a group, in a bounded ring. Thread-safe.</summary>
internal sealed class ScalingEventLog(int capacity)
{
    private readonly ScalingEvent[] _events = new ScalingEvent[Math.Max(1, capacity)];
    private readonly object _lock = new();
    private int _next;
    private int _count;

    public void Add(ScalingEvent scalingEvent)
    {
        lock (_lock)
        {
            _events[_next] = scalingEvent;
            _next = (_next + 1) % _events.Length;
            _count = Math.Min(_count + 1, _events.Length);
        }
    }

    /// <summary>Returns the events, oldest first.</summary>
    public IReadOnlyList<ScalingEvent> Snapshot()
    {
        lock (_lock)
        {
            var result = new ScalingEvent[_count];
            var start = (_next - _count + _events.Length) % _events.Length;
            for (var i = 0; i < _count; i++)
            {
                result[i] = _events[(start + i) % _events.Length];
            }

            return result;
        }
    }
}
