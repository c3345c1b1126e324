namespace AutoScaling;

/// <summary>Starts, lists and stops the instances of one scaling group (containers, servers, processes…).</summary>
/// <remarks>
/// A provider owns the instances it created (or was told it owns) and must never list, change or stop any
/// other. <see cref="ListAsync"/> is the truth: after a host restart the controller adopts what it returns.
/// </remarks>
public interface IInstanceProvider
{
    /// <summary>Lists the instances this provider owns, in any state.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The owned instances.</returns>
    ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Provisions one new instance.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The new instance, normally <see cref="InstanceState.Starting"/>; the controller polls <see cref="ListAsync"/>
    /// until it is <see cref="InstanceState.Active"/>. A provider that already waited may return it Active.
    /// </returns>
    /// <exception cref="InstanceProviderException">The instance could not be provisioned; nothing was left behind.</exception>
    ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken);

    /// <summary>Takes an owned instance out of service and removes it (gracefully where the provider can).</summary>
    /// <param name="instance">The instance, as listed by this provider.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the instance is gone.</returns>
    /// <exception cref="InstanceProviderException">The instance is not owned by this provider, or could not be removed.</exception>
    ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken);
}
