using System.Collections.Concurrent;
using AutoScaling.Docker.Client;

namespace AutoScaling.Docker;

/// <summary>One reading of a group's running containers: usage by container id, and when it was taken.</summary>
internal sealed record DockerStatsSnapshot(DateTimeOffset At, IReadOnlyDictionary<string, ContainerUsage> Containers);

/// <summary>
/// Reads the stats of one group's own running containers (listed by its ownership labels, checked again on each), one
/// one-shot call per container with bounded parallelism, for every metric of that group through a
/// <see cref="SharedRead{T}"/>, so a CPU and a memory metric cost one call per container per evaluation. It keeps each
/// container's CPU counters until the next reading.
/// </summary>
internal sealed class DockerStatsReader
{
    /// <summary>How long a snapshot serves other reads; well below any useful evaluation interval.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(50);

    private readonly string _owner;
    private readonly int _parallelism;
    private readonly TimeProvider _time;
    private readonly SharedRead<DockerStatsSnapshot> _shared;
    private Dictionary<string, CpuCounters> _cpu = new(StringComparer.Ordinal);

    public DockerStatsReader(DockerClient client, string group, string owner, int parallelism, TimeProvider time)
    {
        Client = client;
        Group = group;
        _owner = owner;
        _parallelism = parallelism;
        _time = time;
        _shared = new SharedRead<DockerStatsSnapshot>(_ => ReadCoreAsync(), MaxAge, time);
    }

    public string Group { get; }

    public DockerClient Client { get; }

    /// <summary>Gets a snapshot no older than <see cref="MaxAge"/>.</summary>
    /// <exception cref="DockerApiException">The daemon is unreachable or refused the listing.</exception>
    public Task<DockerStatsSnapshot> ReadAsync(CancellationToken cancellationToken) => _shared.ReadAsync(cancellationToken);

    private async Task<DockerStatsSnapshot> ReadCoreAsync()
    {
        var listed = await Client.ListContainersAsync(ContainerLabels.Filters(Group, _owner), CancellationToken.None).ConfigureAwait(false);
        var running = listed.Where(c => c.State == "running" && ContainerLabels.IsOwned(c.Labels, Group, _owner)).ToList();
        var usage = new ConcurrentDictionary<string, ContainerUsage>(StringComparer.Ordinal);
        var counters = new ConcurrentDictionary<string, CpuCounters>(StringComparer.Ordinal);
        var previous = _cpu;
        await Parallel.ForEachAsync(running, new ParallelOptions { MaxDegreeOfParallelism = _parallelism }, async (container, ct) =>
        {
            ContainerLabels.TryGetPort(container.Labels, out var port);
            ContainerUsage result;
            try
            {
                var stats = await Client.GetStatsAsync(container.ID, ct).ConfigureAwait(false);
                if (stats is null)
                {
                    return; // removed since the listing
                }

                var now = ContainerUsageFormulas.Counters(stats);
                if (now is { } n)
                {
                    counters[container.ID] = n;
                }

                var cpuMissing = now is { } c
                    ? ContainerUsageFormulas.Cpu(previous.TryGetValue(container.ID, out var p) ? p : null, c, out var cpu)
                    : NoCpu(out cpu);
                var memoryMissing = ContainerUsageFormulas.Memory(stats.MemoryStats, out var memory);
                result = new ContainerUsage(port, cpu, cpuMissing, memory, memoryMissing);
            }
            catch (DockerApiException e)
            {
                result = new ContainerUsage(port, double.NaN, e.Message, double.NaN, e.Message);
            }

            usage[container.ID] = result;
        }).ConfigureAwait(false);

        _cpu = new Dictionary<string, CpuCounters>(counters, StringComparer.Ordinal); // containers that left are forgotten
        return new DockerStatsSnapshot(_time.GetUtcNow(), usage);
    }

    private static string NoCpu(out double cpu)
    {
        cpu = double.NaN;
        return "The reading has no CPU statistics (the container is not running).";
    }
}

/// <summary>The shared <see cref="DockerStatsReader"/>s, one per daemon, group label and owner; disposes their clients with the host.</summary>
internal sealed class DockerStatsReaders(TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<DockerStatsReader>> _readers = new(StringComparer.Ordinal);

    public DockerStatsReader Get(string group, DockerStatsOptions options)
    {
        var endpoint = DockerEndpoint.Resolve(options.DockerHost);
        var owner = string.IsNullOrEmpty(options.OwnerId) ? Environment.MachineName : options.OwnerId;
        var containerGroup = options.ContainerGroup ?? group;
        return _readers.GetOrAdd(
            string.Join('\n', endpoint.ToString(), containerGroup, owner),
            _ => new Lazy<DockerStatsReader>(() => new DockerStatsReader(new DockerClient(endpoint, options.RequestTimeout), containerGroup, owner, options.MaxParallelism, time))).Value;
    }

    public void Dispose()
    {
        foreach (var reader in _readers.Values)
        {
            if (reader.IsValueCreated)
            {
                reader.Value.Client.Dispose();
            }
        }
    }
}
