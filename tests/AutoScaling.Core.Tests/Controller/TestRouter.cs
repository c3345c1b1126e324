namespace AutoScaling.Tests.Controller;

/// <summary>
/// A router over an in-memory table (no load balancer): registrations become routed <see cref="RouteAfter"/> after they
/// are registered, by the harness's clock. Records every call in order, so tests can check the steps and count listings.
/// </summary>
internal sealed class TestRouter(TimeProvider time) : IInstanceRouter
{
    private readonly Dictionary<string, (RouteRegistration Registration, DateTimeOffset At)> _table = new(StringComparer.Ordinal);

    public TimeSpan RouteAfter { get; set; } = TimeSpan.FromSeconds(2);

    public bool Fail { get; set; }

    public int Listings { get; private set; }

    public List<string> Calls { get; set; } = [];

    public IReadOnlyCollection<string> Addresses
    {
        get
        {
            lock (_table)
            {
                return [.. _table.Keys];
            }
        }
    }

    /// <summary>Adds a registration directly, as something else (a crashed host, an operator) would have left it.</summary>
    public void Leave(string address, RouteState state)
    {
        lock (_table)
        {
            _table[address] = (new RouteRegistration("srv-" + address, address, state), time.GetUtcNow());
        }
    }

    /// <summary>Forgets every registration, as a restarted load balancer does.</summary>
    public void Restart()
    {
        lock (_table)
        {
            _table.Clear();
        }
    }

    public ValueTask<IReadOnlyList<RouteRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        Check();
        lock (_table)
        {
            Listings++;
            var now = time.GetUtcNow();
            return ValueTask.FromResult<IReadOnlyList<RouteRegistration>>(_table.Values
                .Select(e => e.Registration.State == RouteState.Pending && now - e.At >= RouteAfter ? e.Registration with { State = RouteState.Routed } : e.Registration)
                .ToList());
        }
    }

    public ValueTask RegisterAsync(IReadOnlyList<ScalingInstance> instances, CancellationToken cancellationToken)
    {
        Check();
        lock (_table)
        {
            Record("register " + string.Join(",", instances.Select(i => i.Id)));
            foreach (var instance in instances)
            {
                _table.TryAdd(instance.Address!, (new RouteRegistration("srv-" + instance.Address, instance.Address!, RouteState.Pending), time.GetUtcNow()));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DrainAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
    {
        Check();
        lock (_table)
        {
            Record("drain " + string.Join(",", registrations.Select(r => r.Address)));
            foreach (var r in registrations)
            {
                if (_table.TryGetValue(r.Address, out var e))
                {
                    _table[r.Address] = (e.Registration with { State = RouteState.Maintenance }, e.At);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DeregisterAsync(IReadOnlyList<RouteRegistration> registrations, CancellationToken cancellationToken)
    {
        Check();
        lock (_table)
        {
            Record("deregister " + string.Join(",", registrations.Select(r => r.Address)));
            foreach (var r in registrations)
            {
                _table.Remove(r.Address);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Record(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }
    }

    private void Check()
    {
        if (Fail)
        {
            throw new InstanceRouterException("The load balancer is unreachable (test).");
        }
    }
}
