using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.HAProxy;

/// <summary>
/// The servers of one HAProxy backend, changed through the runtime API in batches: a batch is applied as one unit,
/// undone in reverse order when a step fails, and two batches for one backend never interleave (among the pools that
/// share one <see cref="HAProxyBackendLocks"/>: every group of a host).
/// </summary>
internal sealed partial class HAProxyBackendPool
{
    private readonly SemaphoreSlim _lock;

    /// <summary>Initializes a new instance of the <see cref="HAProxyBackendPool"/> class.</summary>
    /// <param name="client">The runtime API client.</param>
    /// <param name="options">The backend, checks and drain settings (validated by the caller).</param>
    /// <param name="timeProvider">The time provider for waits; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="locks">The backend locks shared by the host's pools; <see langword="null"/> for a lock of this pool's own.</param>
    internal HAProxyBackendPool(HAProxyRuntimeClient client, HAProxyPoolOptions options, TimeProvider? timeProvider = null, ILogger<HAProxyBackendPool>? logger = null, HAProxyBackendLocks? locks = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Client = client;
        Options = options;
        Backend = HAProxyNames.RequireName(options.Backend, "backend");
        Time = timeProvider ?? TimeProvider.System;
        Logger = (ILogger?)logger ?? NullLogger.Instance;
        _lock = locks?.For(client.Endpoint.ToString(), Backend) ?? new SemaphoreSlim(1, 1);
    }

    /// <summary>Gets the backend's name.</summary>
    public string Backend { get; }

    /// <summary>Gets the runtime API client.</summary>
    public HAProxyRuntimeClient Client { get; }

    internal HAProxyPoolOptions Options { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>Lists every server of the backend (<c>show servers state</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The servers.</returns>
    /// <exception cref="HAProxyRuntimeException">HAProxy is not reachable or refused (for example <c>Can't find backend.</c>).</exception>
    public async Task<IReadOnlyList<HAProxyServerState>> ListServersAsync(CancellationToken cancellationToken)
    {
        var reply = await Client.ExecuteAsync(HAProxyCommand.ShowServersState(Backend), cancellationToken).ConfigureAwait(false);
        try
        {
            return HAProxyReplyParser.ParseServersState(reply);
        }
        catch (FormatException ex)
        {
            throw new HAProxyRuntimeException($"HAProxy's 'show servers state {Backend}' reply could not be parsed: {ex.Message}", ex);
        }
    }

    /// <summary>Lists the statistics of every server of the backend (<c>show stat</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The servers' statistics.</returns>
    /// <exception cref="HAProxyRuntimeException">HAProxy is not reachable or refused.</exception>
    public async Task<IReadOnlyList<HAProxyServerStat>> ListStatsAsync(CancellationToken cancellationToken)
    {
        var reply = await Client.ExecuteAsync(HAProxyCommand.ShowStat(Backend), cancellationToken).ConfigureAwait(false);
        try
        {
            return HAProxyReplyParser.ParseStat(reply);
        }
        catch (FormatException ex)
        {
            throw new HAProxyRuntimeException($"HAProxy's 'show stat {Backend}' reply could not be parsed: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Applies a batch as one unit. Servers are put in service first, then the leaving ones drain (together), then they
    /// go to maintenance and are deleted or freed. When a step fails, the applied steps are undone in reverse order.
    /// </summary>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancels the batch (what was applied is undone, then the cancellation is thrown).</param>
    /// <returns>The result: success, or HAProxy's error after the undo.</returns>
    public async Task<BackendBatchResult> ApplyAsync(IReadOnlyList<BackendChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Log.BatchStarting(Logger, Backend, changes.Count);
            var result = await new BackendTransaction(this, changes).RunAsync(cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                Log.BatchApplied(Logger, Backend, changes.Count);
            }
            else
            {
                Log.BatchUndone(Logger, Backend, result.Error!.Message, result.UndoFailures.Count);
            }

            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Applies a batch and throws when it failed (after the undo).</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>The result.</returns>
    /// <exception cref="HAProxyRuntimeException">The batch failed; the applied steps were undone.</exception>
    public async Task<BackendBatchResult> ApplyOrThrowAsync(IReadOnlyList<BackendChange> changes, CancellationToken cancellationToken)
    {
        var result = await ApplyAsync(changes, cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed();
        return result;
    }
}
