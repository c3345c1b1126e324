namespace AutoScaling;

/// <summary>
/// One read shared by every metric that needs it in an evaluation: a read in flight is joined, and a result younger
/// than the maximum age is reused, so a CPU and a memory metric of one group (or a group's value and its per-instance
/// values) cost one call to the backend. A failed read is not reused: the next caller tries again.
/// </summary>
/// <typeparam name="T">What the read returns.</typeparam>
/// <remarks>
/// The shared read runs without the callers' cancellation (bound it with the backend call's own timeout); each caller's
/// token stops only its own wait. Keep the maximum age well below the evaluation interval.
/// </remarks>
public sealed class SharedRead<T>
{
    private readonly Func<CancellationToken, Task<T>> _read;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<T>? _current;
    private long _completedAt;

    /// <summary>Initializes a new instance of the <see cref="SharedRead{T}"/> class.</summary>
    /// <param name="read">The read; called with <see cref="CancellationToken.None"/>.</param>
    /// <param name="maxAge">How long a result serves other callers.</param>
    /// <param name="timeProvider">The clock of the age; the system clock by default.</param>
    public SharedRead(Func<CancellationToken, Task<T>> read, TimeSpan maxAge, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        _read = read;
        _maxAge = maxAge;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets a result no older than the maximum age: the one in flight, a recent one, or a new read.</summary>
    /// <param name="cancellationToken">Stops this caller's wait.</param>
    /// <returns>The result.</returns>
    public Task<T> ReadAsync(CancellationToken cancellationToken)
    {
        Task<T> current;
        lock (_gate)
        {
            if (_current is null || (_current.IsCompleted && (!_current.IsCompletedSuccessfully || _time.GetElapsedTime(Volatile.Read(ref _completedAt)) >= _maxAge)))
            {
                _current = RunAsync();
            }

            current = _current;
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task<T> RunAsync()
    {
        var result = await _read(CancellationToken.None).ConfigureAwait(false);
        Volatile.Write(ref _completedAt, _time.GetTimestamp());
        return result;
    }
}
