using System.Runtime.CompilerServices;
using Etcdserverpb;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Etcd;

/// <summary>
/// One election on etcd, by the lease-and-transaction recipe (what etcd's own election service does): grant a lease,
/// create the election key with it only if the key does not exist, and hold it by keeping the lease alive. The key's
/// create revision is the fencing token, so it grows with every new leader. A standby keeps its own lease alive and tries
/// the create again every <see cref="EtcdLeadershipOptions.PollInterval"/>.
/// </summary>
/// <remarks>
/// The leader may act until the start of its last answered keep-alive plus the TTL minus the safety margin, measured on
/// the monotonic <see cref="TimeProvider"/> timestamps: the server counts the TTL from when it received that keep-alive,
/// which is later, so the leader stops before its lease can have expired there. The loop is this election's single writer.
/// </remarks>
internal sealed partial class EtcdElection : ILeaderElection, IDisposable
{
    private readonly EtcdConnection _connection;
    private readonly EtcdLeadershipOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ByteString _key;
    private readonly ByteString _value;
    private readonly CancellationTokenSource _stopping = new();
    private volatile StrongBox<LeaderLease> _lease = new(LeaderLease.None);
    private Task? _loop;
    private long _leaseId;

    public EtcdElection(string name, EtcdConnection connection, EtcdLeadershipOptions options, TimeProvider time, ILogger logger)
    {
        Name = name;
        _connection = connection;
        _options = options;
        _time = time;
        _logger = logger;
        _key = ByteString.CopyFromUtf8(options.KeyPrefix + name);
        _value = ByteString.CopyFromUtf8(string.IsNullOrEmpty(options.HostId) ? $"{Environment.MachineName}/{Environment.ProcessId}" : options.HostId);
    }

    public string Name { get; }

    public LeaderLease Lease => _lease.Value;

    /// <summary>Gets the etcd key of this election.</summary>
    public string Key => _key.ToStringUtf8();

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Stops campaigning; a leader stops acting first, then revokes its lease so a standby takes over at once.</summary>
    public async Task ResignAsync()
    {
        var wasLeader = Lease.IsHeld;
        Publish(LeaderLease.None);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var leaseId = Interlocked.Exchange(ref _leaseId, 0);
        if (leaseId == 0)
        {
            return;
        }

        try
        {
            await _connection.CallAsync((invoker, call) => new Lease.LeaseClient(invoker).LeaseRevokeAsync(new LeaseRevokeRequest { ID = leaseId }, call).ResponseAsync, CancellationToken.None).ConfigureAwait(false);
            if (wasLeader)
            {
                Log.Resigned(_logger, Name, Key);
            }
        }
        catch (EtcdUnavailableException ex)
        {
            Log.ResignFailed(_logger, Name, ex.Message, _options.LeaseTtl);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await CampaignAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                Log.EtcdFailed(_logger, Name, ex is EtcdUnavailableException ? ex.Message : ex.ToString());
            }

            // Any exit from a campaign ends this lease's use here; the next campaign grants a new one.
            Publish(LeaderLease.None);
            try
            {
                await Task.Delay(_options.PollInterval, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Grants a lease, then tries to create the key until it does, then holds it; returns when the lease is gone.</summary>
    private async Task CampaignAsync(CancellationToken stopping)
    {
        var ttl = (long)_options.LeaseTtl.TotalSeconds;
        var granted = _time.GetTimestamp();
        var grant = await _connection.CallAsync((invoker, call) => new Lease.LeaseClient(invoker).LeaseGrantAsync(new LeaseGrantRequest { TTL = ttl }, call).ResponseAsync, stopping).ConfigureAwait(false);
        Interlocked.Exchange(ref _leaseId, grant.ID);
        var aliveUntil = ValidUntil(granted, grant.TTL);
        var nextRenewal = _time.GetTimestamp();
        var leading = false;
        while (true)
        {
            var now = _time.GetTimestamp();
            if (now >= aliveUntil)
            {
                if (leading)
                {
                    Log.LeaseRanOut(_logger, Name, Lease.Epoch, _connection.Endpoint);
                }

                return; // no keep-alive answered in time: stop acting (Publish in RunAsync) and start over with a new lease
            }

            if (!leading)
            {
                var epoch = await TryCreateKeyAsync(grant.ID, stopping).ConfigureAwait(false);
                if (epoch > 0)
                {
                    leading = true;
                    Publish(new LeaderLease(epoch, aliveUntil));
                    Log.Elected(_logger, Name, epoch, Key, _connection.Endpoint);
                }
            }

            if (_time.GetTimestamp() >= nextRenewal)
            {
                var started = _time.GetTimestamp();
                long remaining;
                try
                {
                    remaining = await KeepAliveAsync(grant.ID, stopping).ConfigureAwait(false);
                }
                catch (EtcdUnavailableException ex)
                {
                    Log.KeepAliveFailed(_logger, Name, ex.Message, _time.GetElapsedTime(_time.GetTimestamp(), aliveUntil));
                    remaining = -2;
                }

                if (remaining == -1 || remaining == 0)
                {
                    Log.LeaseExpired(_logger, Name, grant.ID);
                    return; // the server no longer has the lease: the key is gone with it
                }

                if (remaining > 0)
                {
                    aliveUntil = ValidUntil(started, remaining);
                    if (leading)
                    {
                        Publish(new LeaderLease(Lease.Epoch, aliveUntil));
                    }
                }

                nextRenewal = started + (long)(_options.LeaseTtl.TotalSeconds / 3 * _time.TimestampFrequency);
            }

            var wait = leading ? _time.GetElapsedTime(_time.GetTimestamp(), nextRenewal) : _options.PollInterval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait < _options.PollInterval ? wait : _options.PollInterval, _time, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates the election key under the lease if nobody holds it; returns its create revision (the epoch) or 0.</summary>
    private async Task<long> TryCreateKeyAsync(long leaseId, CancellationToken stopping)
    {
        var request = new TxnRequest
        {
            Compare = { new Compare { Key = _key, Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 } },
            Success = { new RequestOp { RequestPut = new PutRequest { Key = _key, Value = _value, Lease = leaseId } } },
            Failure = { new RequestOp { RequestRange = new RangeRequest { Key = _key } } },
        };
        var reply = await _connection.CallAsync((invoker, call) => new KV.KVClient(invoker).TxnAsync(request, call).ResponseAsync, stopping).ConfigureAwait(false);
        if (reply.Succeeded)
        {
            return reply.Header.Revision; // the put's revision is the key's create revision
        }

        // Ours already (a create whose answer was lost, then retried): the key's lease tells.
        var existing = reply.Responses.Count > 0 && reply.Responses[0].ResponseRange.Kvs.Count > 0 ? reply.Responses[0].ResponseRange.Kvs[0] : null;
        return existing is not null && existing.Lease == leaseId ? existing.CreateRevision : 0;
    }

    /// <summary>One keep-alive round trip; returns the TTL the server granted (≤ 0: the lease is gone).</summary>
    private Task<long> KeepAliveAsync(long leaseId, CancellationToken stopping)
        => _connection.CallAsync(
            async (invoker, call) =>
            {
                using var stream = new Lease.LeaseClient(invoker).LeaseKeepAlive(call);
                await stream.RequestStream.WriteAsync(new LeaseKeepAliveRequest { ID = leaseId }, call.CancellationToken).ConfigureAwait(false);
                var answered = await stream.ResponseStream.MoveNext(call.CancellationToken).ConfigureAwait(false);
                await stream.RequestStream.CompleteAsync().ConfigureAwait(false);
                return answered ? stream.ResponseStream.Current.TTL : -1;
            },
            stopping);

    private long ValidUntil(long started, long ttlSeconds)
        => started + (long)((TimeSpan.FromSeconds(ttlSeconds) - _options.SafetyMargin).TotalSeconds * _time.TimestampFrequency);

    private void Publish(LeaderLease lease) => _lease = new StrongBox<LeaderLease>(lease);
}
