namespace AutoScaling.HAProxy;

/// <summary>The outcome of a batch: applied as a whole, or undone as a whole with HAProxy's error.</summary>
internal sealed class BackendBatchResult
{
    internal BackendBatchResult(IReadOnlyList<string> servers, IReadOnlyList<string> cutServers)
    {
        Servers = servers;
        CutServers = cutServers;
        UndoFailures = [];
    }

    internal BackendBatchResult(HAProxyRuntimeException error, IReadOnlyList<string> undoFailures)
    {
        Error = error;
        Servers = [];
        CutServers = [];
        UndoFailures = undoFailures;
    }

    /// <summary>Gets a value indicating whether every change was applied.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Gets the server name of each change, in the batch's order (for <see cref="BackendChangeKind.TakeSlot"/>, the slot taken).</summary>
    public IReadOnlyList<string> Servers { get; }

    /// <summary>Gets the servers whose sessions were cut by <c>shutdown sessions server</c> at the drain deadline.</summary>
    public IReadOnlyList<string> CutServers { get; }

    /// <summary>Gets the error that stopped the batch (HAProxy's words), when it failed; the applied steps were undone.</summary>
    public HAProxyRuntimeException? Error { get; }

    /// <summary>Gets the undo steps that failed themselves, when any (the backend may then differ from before).</summary>
    public IReadOnlyList<string> UndoFailures { get; }

    /// <summary>Throws <see cref="Error"/> when the batch failed.</summary>
    /// <exception cref="HAProxyRuntimeException">The batch failed.</exception>
    public void ThrowIfFailed()
    {
        if (Error is null)
        {
            return;
        }

        if (UndoFailures.Count == 0)
        {
            throw Error;
        }

        throw new HAProxyRuntimeException($"{Error.Message} Undoing the applied steps also failed: {string.Join("; ", UndoFailures)}", Error);
    }
}
