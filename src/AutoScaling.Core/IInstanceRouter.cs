namespace AutoScaling;

/// <summary>
/// What sends traffic to a group's instances: a load balancer's backend, a proxy's upstream. The controller runs the
/// steps, each once and with one deadline: scale-out provisions, waits until the instance is active, registers it
/// and waits until it is routed; scale-in drains, deregisters, then decommissions.
/// </summary>
/// <remarks>
/// <para>A router touches only its own registrations (the ones <see cref="ListAsync"/> returns) and never anything else
/// in the load balancer. Registrations are matched to instances by <see cref="ScalingInstance.Address"/>.</para>
/// <para>Each call takes a batch, so a router whose changes are expensive (a reload) pays once per step.</para>
/// </remarks>
public interface IInstanceRouter
{
    /// <summary>Lists this router's own registrations with their state; the controller polls it to learn when an instance is routed.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registrations.</returns>
    ValueTask<IReadOnlyList<RouteRegistration>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Registers instances, so traffic reaches them once the load balancer finds them healthy. An instance already
    /// registered at the same address is left as it is, without error.
    /// </summary>
    /// <param name="instances">Active instances with an address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the registrations are in place (not necessarily routed yet).</returns>
    /// <exception cref="InstanceRouterException">The load balancer refused or could not be reached; nothing half-done is left.</exception>
    ValueTask RegisterAsync(IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken);

    /// <summary>Stops new work reaching the registrations and waits until the work in flight has finished (or the router's drain deadline cut it).</summary>
    /// <param name="registrations">Registrations as listed by this router.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the registrations are drained.</returns>
    /// <exception cref="InstanceRouterException">The load balancer refused or could not be reached.</exception>
    ValueTask DrainAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken);

    /// <summary>Removes registrations. A registration that is already gone is not an error.</summary>
    /// <param name="registrations">Registrations as listed by this router.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the registrations are gone.</returns>
    /// <exception cref="InstanceRouterException">The load balancer refused or could not be reached.</exception>
    ValueTask DeregisterAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken);
}
