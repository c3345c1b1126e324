using System.Collections.Concurrent;

namespace AutoScaling.HAProxy;

/// <summary>
/// One lock per HAProxy backend (runtime API endpoint and backend name), so two batches for one backend never
/// interleave. Owned by the service container (a singleton), so it lives and dies with the host, not the process; it
/// holds one entry per backend the host's groups use.
/// </summary>
internal sealed class HAProxyBackendLocks : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public int Count => _locks.Count;

    public SemaphoreSlim For(string endpoint, string backend) => _locks.GetOrAdd(endpoint + "|" + backend, static _ => new SemaphoreSlim(1, 1));

    public void Dispose()
    {
        foreach (var semaphore in _locks.Values)
        {
            semaphore.Dispose();
        }

        _locks.Clear();
    }
}
