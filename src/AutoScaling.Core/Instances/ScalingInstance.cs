namespace AutoScaling;

/// <summary>One instance of a scaling group, as its <see cref="IInstanceProvider"/> reports it.</summary>
/// <param name="Id">The provider's identifier (a container id, a server name…); unique within the provider.</param>
/// <param name="Address">Where the instance serves, as <c>host:port</c> (for example <c>127.0.0.1:18101</c>), if it has an address.</param>
/// <param name="State">The instance's state.</param>
/// <param name="CreatedAt">When the instance was provisioned.</param>
public sealed record ScalingInstance(string Id, string? Address, InstanceState State, DateTimeOffset CreatedAt)
{
    /// <summary>Gets provider-specific facts about the instance (image, slot, HAProxy server name…).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = EmptyMetadata;

    /// <summary>Gets why the instance is <see cref="InstanceState.Failed"/>, or why a <see cref="InstanceState.Starting"/> one is not ready yet, when the provider knows.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// Gets whether the group's router sends traffic to the instance: <see langword="null"/> when the group has no router
    /// or the instance is not registered with it. Set by the controller in status snapshots, where an instance the
    /// provider lists active is shown <see cref="InstanceState.Active"/> only once it is routed; providers leave it unset.
    /// </summary>
    public RouteState? Route { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>(0);
}
