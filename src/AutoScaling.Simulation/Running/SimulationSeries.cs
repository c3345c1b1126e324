namespace AutoScaling.Simulation;

/// <summary>Collects the group's state at every evaluation of a replay, for charts and exports. Reusable: a run clears it first.</summary>
public sealed class SimulationSeries
{
    private SimulationPoint[] _points;
    private int _count;

    /// <summary>Initializes a new instance of the <see cref="SimulationSeries"/> class.</summary>
    /// <param name="capacity">The points to preallocate (a run grows it when needed).</param>
    public SimulationSeries(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _points = new SimulationPoint[capacity];
    }

    /// <summary>Gets the number of points.</summary>
    public int Count => _count;

    /// <summary>Gets the points, in time order.</summary>
    public ReadOnlySpan<SimulationPoint> Points => _points.AsSpan(0, _count);

    internal void Clear() => _count = 0;

    internal void Add(in SimulationPoint point)
    {
        if (_count == _points.Length)
        {
            Array.Resize(ref _points, Math.Max(16, _points.Length * 2));
        }

        _points[_count++] = point;
    }
}
