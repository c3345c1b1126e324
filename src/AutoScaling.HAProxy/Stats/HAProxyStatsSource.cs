using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.HAProxy;

/// <summary>
/// A metric read from HAProxy's <c>show stat</c>: the group's value from the backend's row, each instance's from the
/// row of its server, matched by address (<c>addr</c>) or by the <c>haproxy.server</c> metadata. A failed exchange is
/// <see cref="MetricStatus.Failed"/>; a statistic HAProxy cannot give yet is <see cref="MetricStatus.Missing"/>.
/// </summary>
internal sealed partial class HAProxyStatsSource : IInstanceMetricSource
{
    /// <summary>The kind in the metric's options name.</summary>
    public const string Kind = "haproxy-stats";

    private readonly HAProxyStatsReader _reader;
    private readonly HAProxyStatistic _statistic;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CounterRate> _serverRates = new(StringComparer.Ordinal);
    private CounterRate _backendRate;

    public HAProxyStatsSource(HAProxyStatsReader reader, HAProxyStatistic statistic, TimeProvider time, ILogger<HAProxyStatsSource>? logger = null)
    {
        _reader = reader;
        _statistic = statistic;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        var snapshot = await TryReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (snapshot.Error is { } error)
        {
            return MetricSample.Failed(_time.GetUtcNow(), error);
        }

        var s = snapshot.Value!;
        lock (_gate)
        {
            return Sample(s.Backend, s, ref _backendRate);
        }
    }

    public async ValueTask ReadInstancesAsync(MetricReadContext context, IReadOnlyList<ScalingInstance> instances, Memory<MetricSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (samples.Length < instances.Count)
        {
            throw new ArgumentException($"{samples.Length} samples cannot hold {instances.Count} instances.", nameof(samples));
        }

        var snapshot = await TryReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (snapshot.Error is { } error)
        {
            samples.Span[..instances.Count].Fill(MetricSample.Failed(_time.GetUtcNow(), error));
            return;
        }

        var s = snapshot.Value!;
        var span = samples.Span;
        lock (_gate)
        {
            for (var i = 0; i < instances.Count; i++)
            {
                span[i] = Find(s.Servers, instances[i]) is { } row
                    ? Sample(row, s, ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_serverRates, row.Name + "@" + row.Address, out _))
                    : MetricSample.Missing(s.At, $"Backend '{_reader.Backend}' has no server for this instance.");
            }

            if (_serverRates.Count > 2 * s.Servers.Count + 16)
            {
                Prune(s.Servers);
            }
        }
    }

    private static HAProxyServerStat? Find(IReadOnlyList<HAProxyServerStat> servers, ScalingInstance instance)
    {
        instance.Metadata.TryGetValue(HAProxyServerPoolInstanceProvider.ServerMetadataKey, out var name);
        foreach (var row in servers)
        {
            if ((instance.Address is { } address && string.Equals(row.Address, address, StringComparison.Ordinal))
                || (name is not null && string.Equals(row.Name, name, StringComparison.Ordinal)))
            {
                return row;
            }
        }

        return null;
    }

    private MetricSample Sample(HAProxyServerStat row, HAProxyStatsSnapshot snapshot, ref CounterRate rate)
    {
        var served = row.TotalRequests ?? row.TotalSessions;
        switch (_statistic)
        {
            case HAProxyStatistic.RequestRate:
                var missing = rate.Next(served, snapshot.Timestamp, _time, out var perSecond);
                return missing is null ? MetricSample.Valid(perSecond, snapshot.At) : MetricSample.Missing(snapshot.At, missing);
            case HAProxyStatistic.CurrentSessions:
                return MetricSample.Valid(row.CurrentSessions, snapshot.At);
            case HAProxyStatistic.CurrentQueue:
                return MetricSample.Valid(row.CurrentQueue, snapshot.At);
            default:
                return served > 0 && row.ResponseTimeMilliseconds is { } rtime
                    ? MetricSample.Valid(rtime, snapshot.At)
                    : MetricSample.Missing(snapshot.At, "No request has been served yet, so there is no response time.");
        }
    }

    private void Prune(IReadOnlyList<HAProxyServerStat> servers)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in servers)
        {
            live.Add(row.Name + "@" + row.Address);
        }

        foreach (var key in _serverRates.Keys.ToList())
        {
            if (!live.Contains(key))
            {
                _serverRates.Remove(key);
            }
        }
    }

    private async ValueTask<(HAProxyStatsSnapshot? Value, string? Error)> TryReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (HAProxyRuntimeException ex)
        {
            Log.ReadFailed(_logger, context.GroupName, context.MetricName, ex.Message);
            return (null, ex.Message);
        }
    }
}
