using System.Collections.Concurrent;

namespace AutoScaling.HAProxy;

/// <summary>One <c>show stat</c> of a backend: its own row, its servers' rows, and when it was read.</summary>
/// <param name="Timestamp">When the reply arrived (<see cref="TimeProvider.GetTimestamp"/>), for rates.</param>
/// <param name="At">When the reply arrived, for the samples.</param>
/// <param name="Backend">The backend's row.</param>
/// <param name="Servers">The servers' rows.</param>
internal sealed record HAProxyStatsSnapshot(long Timestamp, DateTimeOffset At, HAProxyServerStat Backend, IReadOnlyList<HAProxyServerStat> Servers);

/// <summary>
/// Reads <c>show stat</c> for one backend on behalf of every metric that reads it, through a <see cref="SharedRead{T}"/>,
/// so several statistics of a backend cost one exchange per evaluation (a group's <c>ReadAsync</c> and
/// <c>ReadInstancesAsync</c> come back to back in one evaluation).
/// </summary>
internal sealed class HAProxyStatsReader
{
    /// <summary>How long a snapshot serves other reads; well below any useful evaluation interval.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _time;
    private readonly SharedRead<HAProxyStatsSnapshot> _shared;

    public HAProxyStatsReader(HAProxyRuntimeClient client, string backend, TimeProvider time)
    {
        Client = client;
        Backend = backend;
        _time = time;
        _shared = new SharedRead<HAProxyStatsSnapshot>(_ => ReadCoreAsync(), MaxAge, time);
    }

    public string Backend { get; }

    public HAProxyRuntimeClient Client { get; }

    /// <summary>Gets a snapshot no older than <see cref="MaxAge"/>.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; a read others share runs on, bounded by the command timeout.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="HAProxyRuntimeException">HAProxy is not reachable, refused, or has no such backend.</exception>
    public Task<HAProxyStatsSnapshot> ReadAsync(CancellationToken cancellationToken) => _shared.ReadAsync(cancellationToken);

    private async Task<HAProxyStatsSnapshot> ReadCoreAsync()
    {
        var reply = await Client.ExecuteAsync(HAProxyCommand.ShowStat(Backend), CancellationToken.None).ConfigureAwait(false);
        var timestamp = _time.GetTimestamp();
        var at = _time.GetUtcNow();
        IReadOnlyList<HAProxyServerStat> rows;
        try
        {
            rows = HAProxyReplyParser.ParseStat(reply, includeBackend: true);
        }
        catch (FormatException ex)
        {
            throw new HAProxyRuntimeException($"HAProxy's 'show stat {Backend}' reply could not be parsed: {ex.Message}", ex);
        }

        HAProxyServerStat? own = null;
        var servers = new List<HAProxyServerStat>(rows.Count);
        foreach (var row in rows)
        {
            if (!string.Equals(row.Backend, Backend, StringComparison.Ordinal))
            {
                continue;
            }

            if (row.IsBackend)
            {
                own = row;
            }
            else
            {
                servers.Add(row);
            }
        }

        return own is null
            ? throw new HAProxyRuntimeException($"HAProxy at {Client.Endpoint} has no backend '{Backend}' ('show stat' has no row for it).")
            : new HAProxyStatsSnapshot(timestamp, at, own, servers);
    }
}

/// <summary>The shared <see cref="HAProxyStatsReader"/>s, one per runtime API endpoint and backend.</summary>
internal sealed class HAProxyStatsReaders(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, HAProxyStatsReader> _readers = new(StringComparer.Ordinal);

    public HAProxyStatsReader Get(HAProxyStatsOptions options)
    {
        var endpoint = HAProxyEndpointRules.Create(options.SocketPath, options.TcpEndpoint);
        return _readers.GetOrAdd(
            endpoint + "\n" + options.Backend,
            static (_, s) => new HAProxyStatsReader(new HAProxyRuntimeClient(s.endpoint, s.options.CommandTimeout, s.time), s.options.Backend, s.time),
            (endpoint, options, time));
    }
}
