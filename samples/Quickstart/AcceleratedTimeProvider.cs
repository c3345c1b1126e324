namespace Quickstart;

/// <summary>A clock that runs <see cref="Factor"/> times faster than real time, so minutes of scaling play in seconds.</summary>
internal sealed class AcceleratedTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private readonly long _origin = System.GetTimestamp();

    public double Factor { get; } = factor;

    public override DateTimeOffset GetUtcNow()
        => _start + TimeSpan.FromTicks((long)(System.GetElapsedTime(_origin).Ticks * Factor));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => System.CreateTimer(callback, state, Scale(dueTime), Scale(period));

    private TimeSpan Scale(TimeSpan value)
        => value == Timeout.InfiniteTimeSpan || value == TimeSpan.Zero ? value : TimeSpan.FromTicks(Math.Max(1, (long)(value.Ticks / Factor)));
}
