namespace AutoScaling;

/// <summary>The parts of a scaling group: metric sources, policies, the instance provider and the router. Named options keyed by the group's name.</summary>
/// <remarks>Written by the group builder's <c>UseXxx</c> methods; not bound from configuration.</remarks>
internal sealed class ScalingGroupComposition
{
    /// <summary>Gets the metric sources, in registration order.</summary>
    public IList<MetricRegistration> Metrics { get; } = new List<MetricRegistration>();

    /// <summary>Gets the policies, in registration order.</summary>
    public IList<PolicyRegistration> Policies { get; } = new List<PolicyRegistration>();

    /// <summary>Gets or sets the factory of the instance provider.</summary>
    public Func<IServiceProvider, IInstanceProvider>? InstanceProvider { get; set; }

    /// <summary>Gets or sets the factory of the router that sends traffic to the instances, if the group has one.</summary>
    public Func<IServiceProvider, IInstanceRouter>? Router { get; set; }

    /// <summary>Gets or sets the election the group acts under (<c>UseLeaderElection</c>); <see langword="null"/> for the host-wide one, when a leadership provider is registered.</summary>
    public string? Election { get; set; }

    /// <summary>Gets the decorators wrapped around the instance provider, innermost first (tests record calls with them).</summary>
    internal IList<Func<IServiceProvider, IInstanceProvider, IInstanceProvider>> InstanceProviderDecorators { get; } = new List<Func<IServiceProvider, IInstanceProvider, IInstanceProvider>>();
}

/// <summary>A metric source registered with a group.</summary>
/// <param name="Name">The metric's name within the group; policies refer to it.</param>
/// <param name="Factory">Creates the source.</param>
internal sealed record MetricRegistration(string Name, Func<IServiceProvider, IMetricSource> Factory);

/// <summary>A policy registered with a group.</summary>
/// <param name="Kind">What kind of policy it is (for messages), such as <c>TargetTracking</c>.</param>
/// <param name="Factory">Creates the policy.</param>
/// <param name="ReferencedMetrics">Lists the metric names the policy reads, so they can be checked at start.</param>
internal sealed record PolicyRegistration(string Kind, Func<IServiceProvider, IScalingPolicy> Factory, Func<IServiceProvider, IEnumerable<string>> ReferencedMetrics);
