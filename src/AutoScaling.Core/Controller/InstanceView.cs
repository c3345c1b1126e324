namespace AutoScaling.Controller;

/// <summary>
/// One look at a group: the provider's instances joined with the router's registrations by address. Says which
/// instances count toward the group's size, which are ready (active and, with a router, routed), which active instances
/// lack a registration and which registrations of the router have no instance left.
/// </summary>
internal sealed class InstanceView
{
    private readonly Dictionary<string, RouteRegistration>? _routesByAddress;

    private InstanceView(IReadOnlyList<ScalingInstance> instances, IReadOnlyList<RouteRegistration>? routes, DateTimeOffset startedBefore)
    {
        instances = FailOverdue(instances, startedBefore);
        Routes = routes ?? [];
        HasRouter = routes is not null;
        if (routes is null)
        {
            Instances = instances;
        }
        else
        {
            _routesByAddress = new Dictionary<string, RouteRegistration>(routes.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var route in routes)
            {
                _routesByAddress.TryAdd(route.Address, route);
            }

            var joined = new ScalingInstance[instances.Count];
            var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < instances.Count; i++)
            {
                var instance = instances[i];
                var route = RouteOf(instance);
                // What users see: an instance serves (Active) once it is routed; until then it is still starting.
                joined[i] = instance with
                {
                    Route = route?.State,
                    State = instance.State == InstanceState.Active && route?.State != RouteState.Routed ? InstanceState.Starting : instance.State,
                };
                if (instance.Address is not null)
                {
                    addresses.Add(instance.Address);
                }

                if (route is null && instance.State == InstanceState.Active && instance.Address is not null)
                {
                    Unregistered.Add(instance);
                }
            }

            foreach (var route in routes)
            {
                if (!addresses.Contains(route.Address))
                {
                    Orphans.Add(route);
                }
            }

            Instances = joined;
        }

        foreach (var instance in Instances)
        {
            switch (instance.State)
            {
                case InstanceState.Starting:
                    Starting++;
                    break;
                case InstanceState.Active:
                    Ready++;
                    break;
                case InstanceState.Failed:
                    Failed.Add(instance);
                    break;
            }
        }
    }

    /// <summary>
    /// Gets the instances, each with its route state when the group has a router; an instance the provider lists active
    /// but the router does not route yet is shown <see cref="InstanceState.Starting"/>.
    /// </summary>
    public IReadOnlyList<ScalingInstance> Instances { get; }

    /// <summary>Gets the router's registrations (empty without a router).</summary>
    public IReadOnlyList<RouteRegistration> Routes { get; }

    public bool HasRouter { get; }

    /// <summary>Gets the instances that serve.</summary>
    public int Ready { get; }

    /// <summary>Gets the instances that count toward the size but do not serve yet (starting, or active and not routed).</summary>
    public int Starting { get; }

    /// <summary>Gets the instances counted toward the group's size.</summary>
    public int Current => Ready + Starting;

    /// <summary>Gets the instances the provider lists as failed; they do not count toward the size.</summary>
    public List<ScalingInstance> Failed { get; } = [];

    /// <summary>Gets the active instances the router has no registration for.</summary>
    public List<ScalingInstance> Unregistered { get; } = [];

    /// <summary>Gets the router's registrations whose instance is gone.</summary>
    public List<RouteRegistration> Orphans { get; } = [];

    /// <summary>Joins the provider's instances with the router's registrations.</summary>
    /// <param name="instances">The provider's instances.</param>
    /// <param name="routes">The router's registrations; <see langword="null"/> without a router (or when it could not be listed).</param>
    /// <param name="startedBefore">An instance still starting that was created before this time is overdue and counts as failed.</param>
    public static InstanceView Create(IReadOnlyList<ScalingInstance> instances, IReadOnlyList<RouteRegistration>? routes, DateTimeOffset startedBefore)
        => new(instances, routes, startedBefore);

    /// <summary>
    /// The controller owns the start deadline, for the instances it starts and for those it adopts (a host that died
    /// while one was starting): one still starting past <see cref="ScalingGroupOptions.InstanceStartTimeout"/> from its
    /// creation is failed, to be replaced and removed.
    /// </summary>
    private static IReadOnlyList<ScalingInstance> FailOverdue(IReadOnlyList<ScalingInstance> instances, DateTimeOffset startedBefore)
    {
        ScalingInstance[]? copy = null;
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            if (instance.State == InstanceState.Starting && instance.CreatedAt < startedBefore)
            {
                copy ??= [.. instances];
                copy[i] = instance with { State = InstanceState.Failed, FailureReason = "still starting when its start timeout ran out" + (instance.FailureReason is { } why ? $" ({why})" : string.Empty) };
            }
        }

        return copy ?? instances;
    }

    /// <summary>Finds the registration of an instance, by address.</summary>
    public RouteRegistration? RouteOf(ScalingInstance instance)
        => _routesByAddress is not null && instance.Address is not null && _routesByAddress.TryGetValue(instance.Address, out var route) ? route : null;

    /// <summary>Lists the registrations of some instances.</summary>
    public List<RouteRegistration> RoutesOf(IEnumerable<ScalingInstance> instances)
    {
        var result = new List<RouteRegistration>();
        foreach (var instance in instances)
        {
            if (RouteOf(instance) is { } route)
            {
                result.Add(route);
            }
        }

        return result;
    }
}
