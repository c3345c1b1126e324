namespace AutoScaling;

/// <summary>One registration of an <see cref="IInstanceRouter"/>: an address it sends traffic to, and how.</summary>
/// <param name="Name">The router's own name for it (a server name, an upstream entry…); unique within the router.</param>
/// <param name="Address">The address traffic is sent to, as <c>host:port</c>; matched to <see cref="ScalingInstance.Address"/>.</param>
/// <param name="State">Whether it receives traffic.</param>
public sealed record RouteRegistration(string Name, string Address, RouteState State)
{
    /// <summary>Gets the load balancer's own words about the state (a failed health check…), when it has any.</summary>
    public string? Detail { get; init; }
}
