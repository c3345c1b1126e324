using System.Buffers;

namespace AutoScaling.Prometheus;

/// <summary>Per-instance samples from <see cref="PrometheusQueryOptions.InstanceQuery"/>, matched to the instances by address.</summary>
public sealed partial class PrometheusMetricSource
{
    /// <inheritdoc/>
    /// <remarks>
    /// Without an <see cref="PrometheusQueryOptions.InstanceQuery"/> every instance is <see cref="MetricStatus.Missing"/>
    /// and nothing is sent, so policies compute from the group's value.
    /// </remarks>
    public async ValueTask ReadInstancesAsync(MetricReadContext context, IReadOnlyList<ScalingInstance> instances, Memory<MetricSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (samples.Length < instances.Count)
        {
            throw new ArgumentException($"{samples.Length} samples cannot hold {instances.Count} instances.", nameof(samples));
        }

        if (_instanceTemplate is null)
        {
            samples.Span[..instances.Count].Fill(MetricSample.Missing(_time.GetUtcNow(), "No InstanceQuery is configured."));
            return;
        }

        var outcome = await SendAsync(_queryUri, _instanceTemplate.InstantBody(context), cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var error = outcome.Error;
        if (error is null)
        {
            try
            {
                error = PrometheusInstanceResponseParser.Parse(outcome.Body.AsMemory(0, outcome.Length), _instanceLabel, instances, samples.Span, now);
                if (error is not null && (int)outcome.StatusCode >= 400 && !error.StartsWith("Prometheus query failed", StringComparison.Ordinal))
                {
                    error = HttpStatusMessage(outcome.StatusCode);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(outcome.Body);
            }
        }

        if (error is not null)
        {
            error = _scrubber.Scrub(error);
            samples.Span[..instances.Count].Fill(MetricSample.Failed(now, error));
            Log.QueryFailed(_logger, context.GroupName, context.MetricName, error);
        }
    }
}
