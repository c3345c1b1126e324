using Microsoft.Extensions.Time.Testing;

namespace AutoScaling.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> (its clock moves only when a test advances it; timers fire as it passes their due
/// time) that also counts its armed timers, so a harness knows when the code under test waits on the clock.
/// </summary>
public sealed class ManualTimeProvider : FakeTimeProvider
{
    private int _armed;

    /// <summary>Initializes a new instance of the <see cref="ManualTimeProvider"/> class.</summary>
    /// <param name="start">The initial time; 2026-01-01 UTC by default.</param>
    public ManualTimeProvider(DateTimeOffset? start = null)
        : base(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Gets how many timers are armed (due to fire).</summary>
    public int ArmedTimers => Volatile.Read(ref _armed);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new CountingTimer(this);
        timer.Arm(dueTime, period); // before the fake timer exists: one due now may fire while it is created
        timer.Inner = base.CreateTimer(timer.Fire, (callback, state), dueTime, period);
        return timer;
    }

    /// <summary>Wraps a fake timer and keeps the owner's count of armed timers.</summary>
    private sealed class CountingTimer(ManualTimeProvider owner) : ITimer
    {
        private readonly object _lock = new();
        private bool _armed;
        private bool _periodic;

        public ITimer Inner { get; set; } = null!;

        public void Fire(object? boxed)
        {
            lock (_lock)
            {
                if (!_periodic)
                {
                    Set(false); // a one-shot timer is spent once it fires
                }
            }

            var (callback, state) = ((TimerCallback, object?))boxed!;
            callback(state);
        }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                _periodic = period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero;
                Set(dueTime != Timeout.InfiniteTimeSpan);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (_lock)
            {
                Set(false);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Set(bool armed)
        {
            if (armed != _armed)
            {
                _armed = armed;
                Interlocked.Add(ref owner._armed, armed ? 1 : -1);
            }
        }
    }
}
