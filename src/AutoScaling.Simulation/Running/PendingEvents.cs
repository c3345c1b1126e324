namespace AutoScaling.Simulation;

/// <summary>What happens to simulated instances at a known time.</summary>
internal enum InstanceEventKind : byte
{
    /// <summary>Starting instances become active.</summary>
    Active,

    /// <summary>Starting instances are found failed and removed.</summary>
    StartFailed,

    /// <summary>Draining instances are gone.</summary>
    Drained,
}

/// <summary>Instance events not yet due, kept sorted (latest first, so the next is popped from the end). Grows only on a cold path.</summary>
internal struct PendingEvents
{
    private long[] _at;
    private InstanceEventKind[] _kind;
    private int[] _count;
    private int _length;

    public PendingEvents(int capacity)
    {
        _at = new long[capacity];
        _kind = new InstanceEventKind[capacity];
        _count = new int[capacity];
    }

    public readonly bool Any => _length > 0;

    public readonly long NextAt => _at[_length - 1];

    public void Clear() => _length = 0;

    public void Add(long at, InstanceEventKind kind, int count)
    {
        if (_length == _at.Length)
        {
            Array.Resize(ref _at, _length * 2);
            Array.Resize(ref _kind, _length * 2);
            Array.Resize(ref _count, _length * 2);
        }

        // Insertion keeps the order stable: of two events at one time, the earlier added comes out first.
        var i = _length;
        while (i > 0 && _at[i - 1] <= at)
        {
            _at[i] = _at[i - 1];
            _kind[i] = _kind[i - 1];
            _count[i] = _count[i - 1];
            i--;
        }

        _at[i] = at;
        _kind[i] = kind;
        _count[i] = count;
        _length++;
    }

    public void Pop(out InstanceEventKind kind, out int count)
    {
        _length--;
        kind = _kind[_length];
        count = _count[_length];
    }
}
