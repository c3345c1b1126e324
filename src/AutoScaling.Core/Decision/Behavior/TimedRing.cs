namespace AutoScaling.Decision.Behavior;

/// <summary>
/// A preallocated ring (power-of-two capacity, so indexing is a mask) of (time, value) entries in time order. Entries older than the retention are dropped
/// on add; the ring grows only when every slot still holds a retained entry, so steady state allocates nothing.
/// </summary>
internal sealed class TimedRing
{
    private long[] _times;
    private int[] _values;
    private int _start;
    private int _mask;
    private int _count;

    public TimedRing(int capacity)
    {
        // Stryker disable once Linq : only the initial size; the ring grows when full
        capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, capacity));
        _times = new long[capacity];
        _values = new int[capacity];
        _mask = capacity - 1;
    }

    public int Count => _count;

    public int Capacity => _times.Length;

    public long TimeAt(int index) => _times[(_start + index) & _mask];

    public int ValueAt(int index) => _values[(_start + index) & _mask];

    /// <summary>Drops entries at or before <paramref name="cutoff"/>.</summary>
    public void Prune(long cutoff)
    {
        while (_count > 0 && _times[_start] <= cutoff)
        {
            _start = (_start + 1) & _mask;
            _count--;
        }
    }

    public void Add(long time, int value)
    {
        if (_count == _times.Length)
        {
            Grow();
        }

        var index = (_start + _count) & _mask;
        _times[index] = time;
        _values[index] = value;
        _count++;
    }

    /// <summary>Appends every entry of <paramref name="other"/> newer than <paramref name="cutoff"/>, oldest first.</summary>
    public void AddFrom(TimedRing other, long cutoff)
    {
        for (var i = 0; i < other.Count; i++)
        {
            // Stryker disable once Equality : an entry exactly at the cutoff is outside every window and period (they compare with >) and is pruned next
            if (other.TimeAt(i) > cutoff)
            {
                Add(other.TimeAt(i), other.ValueAt(i));
            }
        }
    }

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }

    private void Grow()
    {
        var times = new long[_times.Length * 2];
        var values = new int[_values.Length * 2];
        // Stryker disable once Equality : one more copies the oldest entry into the first free slot, which the add that follows overwrites
        for (var i = 0; i < _count; i++)
        {
            times[i] = TimeAt(i);
            values[i] = ValueAt(i);
        }

        _times = times;
        _values = values;
        _mask = times.Length - 1;
        _start = 0;
    }
}
