using System.Collections.Concurrent;

namespace AutoScaling.Testing;

/// <summary>The busybox httpd processes started by <see cref="BusyboxInstanceProvider"/>s; shared so a new provider adopts them.</summary>
public sealed class BusyboxHost(PortRange ports) : IDisposable
{
    private static int s_counter;
    private int _started;

    public ConcurrentDictionary<string, (BusyboxBackend Backend, DateTimeOffset CreatedAt)> Running { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets how many instances this host has started.</summary>
    public int Started => Volatile.Read(ref _started);

    public async Task<(string Id, BusyboxBackend Backend)> StartAsync()
    {
        Interlocked.Increment(ref _started);
        var id = $"bb-{Interlocked.Increment(ref s_counter)}";
        var backend = await BusyboxBackend.StartAsync(id, ports.Next());
        Running[id] = (backend, DateTimeOffset.UtcNow);
        return (id, backend);
    }

    public bool Stop(string id)
    {
        if (!Running.TryRemove(id, out var entry))
        {
            return false;
        }

        entry.Backend.Dispose();
        return true;
    }

    public void Dispose()
    {
        foreach (var id in Running.Keys.ToList())
        {
            Stop(id);
        }
    }
}

/// <summary>A real (not mocked) provider for the router's tests: each instance is a busybox httpd process on a loopback port.</summary>
public sealed class BusyboxInstanceProvider(BusyboxHost host) : IInstanceProvider
{
    public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ScalingInstance> list = host.Running
            .Select(e => new ScalingInstance(e.Key, e.Value.Backend.Address, e.Value.Backend.IsRunning ? InstanceState.Active : InstanceState.Failed, e.Value.CreatedAt))
            .OrderBy(i => i.CreatedAt)
            .ToList();
        return ValueTask.FromResult(list);
    }

    public async ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        var (id, backend) = await host.StartAsync();
        return new ScalingInstance(id, backend.Address, InstanceState.Starting, host.Running[id].CreatedAt);
    }

    public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
        => host.Stop(instance.Id) ? ValueTask.CompletedTask : throw new InstanceProviderException($"Instance '{instance.Id}' is not a busybox instance of this host.");
}
