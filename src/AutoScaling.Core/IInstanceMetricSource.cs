namespace AutoScaling;

/// <summary>
/// A metric source that can also read the metric of each instance (requests per second per backend, CPU per
/// container…), so a policy can tell an instance that reports little from one that reports nothing.
/// </summary>
/// <remarks>
/// The controller calls <see cref="ReadInstancesAsync"/> after <see cref="IMetricSource.ReadAsync"/> on every
/// evaluation, with the instances counted toward the group's size. Match instances by
/// <see cref="ScalingInstance.Address"/>. An instance the source has no value for is
/// <see cref="MetricStatus.Missing"/>, never zero; when the whole read fails, write <see cref="MetricStatus.Failed"/>
/// samples (or throw: the controller then marks every instance failed).
/// </remarks>
public interface IInstanceMetricSource : IMetricSource
{
    /// <summary>Reads the metric of each instance.</summary>
    /// <param name="context">The group and metric being read, and the group's current size.</param>
    /// <param name="instances">The instances, in the order of <paramref name="samples"/>.</param>
    /// <param name="samples">Where to write one sample per instance; as long as <paramref name="instances"/>.</param>
    /// <param name="cancellationToken">Cancelled when the read times out or the host stops.</param>
    /// <returns>A task that completes when every sample is written.</returns>
    ValueTask ReadInstancesAsync(MetricReadContext context, IReadOnlyList<ScalingInstance> instances, Memory<MetricSample> samples, CancellationToken cancellationToken);
}
