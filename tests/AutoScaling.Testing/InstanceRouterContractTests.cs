namespace AutoScaling.Testing;

/// <summary>
/// The contract every <see cref="IInstanceRouter"/> keeps, run against a real load balancer. A router's test class
/// inherits this and supplies the router, instances that answer and a way to see (and add) registrations the router
/// does not own; every test here then runs against it (as <see cref="InstanceProviderContractTests"/> does for providers).
/// </summary>
public abstract class InstanceRouterContractTests : IAsyncLifetime
{
    private readonly List<IInstanceRouter> _routers = [];

    /// <summary>Gets how long a registered instance that answers may take to be routed (its first good health check).</summary>
    protected virtual TimeSpan RoutedTimeout => TimeSpan.FromSeconds(15);

    /// <summary>Creates a router over the load balancer. Called more than once per test: later routers must list the registrations of earlier ones (adoption).</summary>
    /// <returns>The router.</returns>
    protected abstract Task<IInstanceRouter> CreateRouterAsync();

    /// <summary>Starts a real instance that answers the load balancer's health checks; the test class stops it at the end.</summary>
    /// <returns>An active instance with an address.</returns>
    protected abstract Task<ScalingInstance> StartInstanceAsync();

    /// <summary>Adds, outside the router, a registration the router does not own (a server an operator added), for an instance that answers.</summary>
    /// <param name="instance">The instance it sends traffic to.</param>
    /// <returns>The registration's name in the load balancer.</returns>
    protected abstract Task<string> AddForeignRegistrationAsync(ScalingInstance instance);

    /// <summary>Removes a registration added by <see cref="AddForeignRegistrationAsync"/>.</summary>
    /// <param name="name">Its name.</param>
    /// <returns>A task.</returns>
    protected abstract Task RemoveForeignRegistrationAsync(string name);

    /// <summary>Lists every registration in the load balancer, the router's and everyone else's, read directly (not through the router).</summary>
    /// <returns>The registrations.</returns>
    protected abstract Task<IReadOnlyList<RouteRegistration>> ListAllAsync();

    /// <summary>Checks that the load balancer is there (call <see cref="Component.Require"/>); the default does nothing.</summary>
    /// <returns>A task.</returns>
    protected virtual Task RequireBackendAsync() => Task.CompletedTask;

    /// <summary>Lets time pass while waiting.</summary>
    /// <param name="by">How long.</param>
    /// <returns>A task.</returns>
    protected virtual Task WaitAsync(TimeSpan by) => Task.Delay(by);

    /// <inheritdoc/>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Deregisters whatever the test's routers still list, so the next test starts from an empty backend.</summary>
    /// <returns>A task.</returns>
    public virtual async Task DisposeAsync()
    {
        foreach (var router in _routers)
        {
            try
            {
                var left = await router.ListAsync(CancellationToken.None);
                if (left.Count > 0)
                {
                    await router.DeregisterAsync(left, CancellationToken.None);
                }
            }
            catch (InstanceRouterException)
            {
                // best effort: the test itself reports what went wrong
            }
        }
    }

    /// <summary>Creates a router that the test's clean-up empties.</summary>
    /// <returns>The router.</returns>
    protected async Task<IInstanceRouter> CreateTrackedRouterAsync()
    {
        var router = await CreateRouterAsync();
        _routers.Add(router);
        return router;
    }

    /// <summary>Waits until the router lists a registration at the instance's address in the wanted state, or fails.</summary>
    /// <param name="router">The router.</param>
    /// <param name="instance">The instance.</param>
    /// <param name="state">The state.</param>
    /// <returns>The registration.</returns>
    protected async Task<RouteRegistration> WaitStateAsync(IInstanceRouter router, ScalingInstance instance, RouteState state)
    {
        var step = TimeSpan.FromMilliseconds(50);
        RouteRegistration? last = null;
        for (var waited = TimeSpan.Zero; waited <= RoutedTimeout; waited += step)
        {
            last = Find(await router.ListAsync(CancellationToken.None), instance);
            if (last?.State == state)
            {
                return last;
            }

            await WaitAsync(step);
        }

        Assert.Fail($"The registration of {instance.Address} did not reach {state} within {RoutedTimeout}; last seen: {last?.ToString() ?? "none"}.");
        return null!;
    }

    /// <summary>A registered instance is listed at its address, Pending or Routed, and Routed once its checks pass.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Registered_instance_is_listed_then_routed()
    {
        await RequireBackendAsync();
        var router = await CreateTrackedRouterAsync();
        var instance = await StartInstanceAsync();
        Assert.Null(Find(await router.ListAsync(CancellationToken.None), instance));

        await router.RegisterAsync([instance], CancellationToken.None);

        var listed = Find(await router.ListAsync(CancellationToken.None), instance);
        Assert.NotNull(listed);
        Assert.True(listed.State is RouteState.Pending or RouteState.Routed, $"listed as {listed.State}");
        Assert.False(string.IsNullOrEmpty(listed.Name));
        await WaitStateAsync(router, instance, RouteState.Routed);
    }

    /// <summary>Registering an instance that is registered at the same address is not an error and changes nothing.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Register_twice_is_not_an_error_and_changes_nothing()
    {
        await RequireBackendAsync();
        var router = await CreateTrackedRouterAsync();
        var instance = await StartInstanceAsync();
        await router.RegisterAsync([instance], CancellationToken.None);
        var routed = await WaitStateAsync(router, instance, RouteState.Routed);
        var before = await ListAllAsync();

        await router.RegisterAsync([instance], CancellationToken.None);
        await (await CreateTrackedRouterAsync()).RegisterAsync([instance], CancellationToken.None);

        var listed = await router.ListAsync(CancellationToken.None);
        var again = Assert.Single(listed, r => SameAddress(r, instance));
        Assert.Equal((routed.Name, RouteState.Routed), (again.Name, again.State));
        Assert.Equal(Describe(before), Describe(await ListAllAsync()));
    }

    /// <summary>Draining takes the registration out of traffic (Draining, or Maintenance once drained); it stays listed.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Drain_takes_the_registration_out_of_traffic()
    {
        await RequireBackendAsync();
        var router = await CreateTrackedRouterAsync();
        var instance = await StartInstanceAsync();
        await router.RegisterAsync([instance], CancellationToken.None);
        var routed = await WaitStateAsync(router, instance, RouteState.Routed);

        await router.DrainAsync([routed], CancellationToken.None);

        var drained = Find(await router.ListAsync(CancellationToken.None), instance);
        Assert.NotNull(drained);
        Assert.True(drained.State is RouteState.Draining or RouteState.Maintenance, $"listed as {drained.State} after the drain");
    }

    /// <summary>Deregistering removes the registration and only that one.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Deregister_removes_only_that_registration()
    {
        await RequireBackendAsync();
        var router = await CreateTrackedRouterAsync();
        var first = await StartInstanceAsync();
        var second = await StartInstanceAsync();
        await router.RegisterAsync([first, second], CancellationToken.None);
        var leaving = await WaitStateAsync(router, first, RouteState.Routed);
        await WaitStateAsync(router, second, RouteState.Routed);

        await router.DrainAsync([leaving], CancellationToken.None);
        await router.DeregisterAsync([leaving], CancellationToken.None);

        var listed = await router.ListAsync(CancellationToken.None);
        Assert.Null(Find(listed, first));
        Assert.Equal(RouteState.Routed, Find(listed, second)?.State);
        Assert.DoesNotContain(await ListAllAsync(), r => SameAddress(r, first));
    }

    /// <summary>Deregistering a registration that is already gone is not an error.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Deregister_of_an_absent_registration_is_not_an_error()
    {
        await RequireBackendAsync();
        var router = await CreateTrackedRouterAsync();
        var instance = await StartInstanceAsync();
        await router.RegisterAsync([instance], CancellationToken.None);
        var registration = await WaitStateAsync(router, instance, RouteState.Routed);
        await router.DeregisterAsync([registration], CancellationToken.None);
        var before = Describe(await ListAllAsync());

        await router.DeregisterAsync([registration], CancellationToken.None);
        await router.DrainAsync([registration], CancellationToken.None);

        Assert.Equal(before, Describe(await ListAllAsync()));
        Assert.Empty(await router.ListAsync(CancellationToken.None));
    }

    /// <summary>
    /// A registration the router does not own is never listed and never touched, whatever the router does, even when
    /// it names it; a new router (a restarted host) lists the registrations of the earlier one.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Foreign_registrations_are_not_listed_or_touched_and_own_ones_are_adopted()
    {
        await RequireBackendAsync();
        var foreignInstance = await StartInstanceAsync();
        var foreign = await AddForeignRegistrationAsync(foreignInstance);
        try
        {
            var foreignBefore = await WaitForeignRoutedAsync(foreign);
            var router = await CreateTrackedRouterAsync();
            var instance = await StartInstanceAsync();
            await router.RegisterAsync([instance], CancellationToken.None);
            var own = await WaitStateAsync(router, instance, RouteState.Routed);

            var listed = await router.ListAsync(CancellationToken.None);
            Assert.DoesNotContain(listed, r => r.Name == foreign);
            var adopted = await (await CreateTrackedRouterAsync()).ListAsync(CancellationToken.None);
            Assert.Equal(own.Name, Assert.Single(adopted).Name);

            await router.DrainAsync([own, foreignBefore], CancellationToken.None);
            await router.DeregisterAsync([own, foreignBefore], CancellationToken.None);

            var after = Assert.Single(await ListAllAsync(), r => r.Name == foreign);
            Assert.Equal((foreignBefore.Address, RouteState.Routed), (after.Address, after.State));
            Assert.Empty(await router.ListAsync(CancellationToken.None));
        }
        finally
        {
            await RemoveForeignRegistrationAsync(foreign);
        }
    }

    private static bool SameAddress(RouteRegistration registration, ScalingInstance instance)
        => string.Equals(registration.Address, instance.Address, StringComparison.OrdinalIgnoreCase);

    private static RouteRegistration? Find(IReadOnlyList<RouteRegistration> registrations, ScalingInstance instance)
        => registrations.FirstOrDefault(r => SameAddress(r, instance));

    private static string Describe(IReadOnlyList<RouteRegistration> registrations)
        => string.Join("; ", registrations.Select(r => $"{r.Name} {r.Address} {r.State}").Order(StringComparer.Ordinal));

    private async Task<RouteRegistration> WaitForeignRoutedAsync(string name)
    {
        var step = TimeSpan.FromMilliseconds(50);
        RouteRegistration? last = null;
        for (var waited = TimeSpan.Zero; waited <= RoutedTimeout; waited += step)
        {
            last = (await ListAllAsync()).FirstOrDefault(r => r.Name == name);
            if (last?.State == RouteState.Routed)
            {
                return last;
            }

            await WaitAsync(step);
        }

        Assert.Fail($"The foreign registration {name} was not routed within {RoutedTimeout}; last seen: {last?.ToString() ?? "none"}.");
        return null!;
    }
}
