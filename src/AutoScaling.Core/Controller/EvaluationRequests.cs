namespace AutoScaling.Controller;

/// <summary>
/// "Evaluate now" requests of a group. The hosted loop is the one owner of the wait: it waits for its timer or
/// <see cref="Woken"/>, whichever comes first, and runs every evaluation itself, so a request never starts a second,
/// concurrent one. Requests made while an evaluation runs are answered by the next one (coalesced), which starts at once.
/// </summary>
internal sealed class EvaluationRequests
{
    private readonly object _lock = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<ScalingDecision?> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    /// <summary>Gets a task that completes when an evaluation is requested.</summary>
    public Task Woken
    {
        get
        {
            lock (_lock)
            {
                return _wake.Task;
            }
        }
    }

    /// <summary>Asks for an evaluation; the task completes with the decision of the next evaluation to start.</summary>
    public Task<ScalingDecision?> Request()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return Task.FromCanceled<ScalingDecision?>(new CancellationToken(canceled: true));
            }

            _wake.TrySetResult();
            return _next.Task;
        }
    }

    /// <summary>Called by the loop as it ends: requests waiting, and any made later, are cancelled, since no evaluation will answer them.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _next.TrySetCanceled();
        }
    }

    /// <summary>Called by the loop as an evaluation starts; complete the returned source when it ends.</summary>
    public TaskCompletionSource<ScalingDecision?> Begin()
    {
        lock (_lock)
        {
            var current = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_wake.Task.IsCompleted)
            {
                _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return current;
        }
    }
}
