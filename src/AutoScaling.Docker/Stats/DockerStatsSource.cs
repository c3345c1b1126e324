using System.Globalization;
using AutoScaling.Docker.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Docker;

/// <summary>
/// CPU or memory of a group's own running containers from the Engine API's one-shot stats: the group's value is the
/// average over the containers that have one, each instance's that of its container (matched by container id, else by
/// the port of its address). A failed listing is <see cref="MetricStatus.Failed"/>; no container, or none with a value
/// yet, is <see cref="MetricStatus.Missing"/>.
/// </summary>
internal sealed partial class DockerStatsSource(DockerStatsReader reader, DockerStatistic statistic, TimeProvider time, ILogger<DockerStatsSource>? logger = null) : IInstanceMetricSource
{
    /// <summary>The kind in the metric's options name.</summary>
    public const string Kind = "docker-stats";

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async ValueTask<MetricSample> ReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        var (snapshot, error) = await TryReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return MetricSample.Failed(time.GetUtcNow(), error!);
        }

        double sum = 0;
        var count = 0;
        string? missing = null;
        foreach (var usage in snapshot.Containers.Values)
        {
            if (Value(usage, out var value) is { } reason)
            {
                missing ??= reason;
                continue;
            }

            sum += value;
            count++;
        }

        return count > 0 ? MetricSample.Valid(sum / count, snapshot.At)
            : MetricSample.Missing(snapshot.At, missing ?? $"Group '{reader.Group}' has no running container of its own.");
    }

    public async ValueTask ReadInstancesAsync(MetricReadContext context, IReadOnlyList<ScalingInstance> instances, Memory<MetricSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (samples.Length < instances.Count)
        {
            throw new ArgumentException($"{samples.Length} samples cannot hold {instances.Count} instances.", nameof(samples));
        }

        var (snapshot, error) = await TryReadAsync(context, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            samples.Span[..instances.Count].Fill(MetricSample.Failed(time.GetUtcNow(), error!));
            return;
        }

        var span = samples.Span;
        for (var i = 0; i < instances.Count; i++)
        {
            span[i] = Find(snapshot, instances[i]) is not { } usage
                ? MetricSample.Missing(snapshot.At, "No running container of the group for this instance.")
                : Value(usage, out var value) is { } reason ? MetricSample.Missing(snapshot.At, reason) : MetricSample.Valid(value, snapshot.At);
        }
    }

    private static ContainerUsage? Find(DockerStatsSnapshot snapshot, ScalingInstance instance)
    {
        if (snapshot.Containers.TryGetValue(instance.Id, out var byId))
        {
            return byId;
        }

        var colon = instance.Address?.LastIndexOf(':') ?? -1;
        if (colon < 0 || !int.TryParse(instance.Address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        foreach (var usage in snapshot.Containers.Values)
        {
            if (usage.Port == port)
            {
                return usage;
            }
        }

        return null;
    }

    private string? Value(ContainerUsage usage, out double value)
    {
        (value, var missing) = statistic == DockerStatistic.CpuPercent ? (usage.Cpu, usage.CpuMissing) : (usage.Memory, usage.MemoryMissing);
        return missing;
    }

    private async ValueTask<(DockerStatsSnapshot? Snapshot, string? Error)> TryReadAsync(MetricReadContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (DockerApiException e)
        {
            Log.ReadFailed(_logger, context.GroupName, context.MetricName, e.Message);
            return (null, e.Message);
        }
    }

    private static partial class Log
    {
        // Docker event ids 3000-3999; the stats source 3301-.
        [LoggerMessage(3301, LogLevel.Warning, "Group '{Group}', metric '{Metric}': reading Docker stats failed: {Error}")]
        public static partial void ReadFailed(ILogger logger, string group, string metric, string error);
    }
}
