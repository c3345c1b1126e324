using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScaling.Etcd;

/// <summary>
/// The elections of this host on one etcd cluster: each starts campaigning when a group first asks for it, and all
/// resign when the host stops (graceful shutdown: the lease is revoked, a standby takes over at once).
/// </summary>
internal sealed class EtcdLeaderElectionProvider(IOptions<EtcdLeadershipOptions> options, TimeProvider time, ILoggerFactory loggers)
    : ILeaderElectionProvider, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<EtcdElection>> _elections = new(StringComparer.Ordinal);
    private readonly Lazy<EtcdConnection> _connection = new(() => new EtcdConnection(options.Value));

    public ILeaderElection GetElection(string? name)
    {
        var election = name ?? options.Value.HostElection;
        var created = _elections.GetOrAdd(election, n => new Lazy<EtcdElection>(() => new EtcdElection(n, _connection.Value, options.Value, time, loggers.CreateLogger("AutoScaling.Etcd.Election." + n)))).Value;
        created.Start();
        return created;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
        => Task.WhenAll(_elections.Values.Select(e => e.Value.ResignAsync())).WaitAsync(cancellationToken);

    public void Dispose()
    {
        foreach (var election in _elections.Values)
        {
            if (election.IsValueCreated)
            {
                election.Value.Dispose();
            }
        }

        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
