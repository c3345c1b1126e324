using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The router contract for <see cref="HAProxyBackendRouter"/> (servers added with <c>add server</c>) over busybox httpd instances and a real haproxy.</summary>
public sealed class HAProxyBackendRouterContractTests(HAProxyFixture fixture)
    : HAProxyRouterContract(fixture, "web", "as-", useSlots: false), IClassFixture<HAProxyFixture>;

/// <summary>The router contract for the slot mode of <see cref="HAProxyBackendRouter"/> (<c>server-template slot 1-4</c>).</summary>
public sealed class HAProxyBackendSlotRouterContractTests(HAProxyFixture fixture)
    : HAProxyRouterContract(fixture, "slots", "slot", useSlots: true), IClassFixture<HAProxyFixture>;

/// <summary>Supplies <see cref="InstanceRouterContractTests"/> with an HAProxy backend, busybox instances and foreign servers added with <c>add server</c>.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The busybox host is disposed in DisposeAsync, xunit's IAsyncLifetime.")]
public abstract class HAProxyRouterContract : InstanceRouterContractTests
{
    private readonly HAProxyFixture _fixture;
    private readonly string _backend;
    private readonly string _prefix;
    private readonly bool _useSlots;
    private readonly BusyboxHost _instances = new(TestPorts.Range);

    private protected HAProxyRouterContract(HAProxyFixture fixture, string backend, string prefix, bool useSlots)
    {
        _fixture = fixture;
        _backend = backend;
        _prefix = prefix;
        _useSlots = useSlots;
    }

    /// <summary>Stops the test's busybox instances by pid after the base deregistered what is left.</summary>
    /// <returns>A task.</returns>
    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _instances.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override Task RequireBackendAsync()
    {
        Tools.Require();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override Task<IInstanceRouter> CreateRouterAsync()
    {
        var options = Options();
        return Task.FromResult<IInstanceRouter>(new HAProxyBackendRouter(new HAProxyBackendPool(_fixture.HAProxy.Client(), options), options));
    }

    /// <inheritdoc/>
    protected override async Task<ScalingInstance> StartInstanceAsync()
    {
        var (id, backend) = await _instances.StartAsync();
        return new ScalingInstance(id, backend.Address, InstanceState.Active, DateTimeOffset.UtcNow);
    }

    /// <inheritdoc/>
    protected override async Task<string> AddForeignRegistrationAsync(ScalingInstance instance)
    {
        await Pool().ApplyOrThrowAsync([BackendChange.Add("manual-1", HAProxyNames.ParseEndPoint(instance.Address!, "address"))], CancellationToken.None);
        return "manual-1";
    }

    /// <inheritdoc/>
    protected override async Task RemoveForeignRegistrationAsync(string name)
        => await Pool().ApplyOrThrowAsync([BackendChange.Remove(name)], CancellationToken.None);

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<RouteRegistration>> ListAllAsync()
        => (await Pool().ListServersAsync(CancellationToken.None)).Where(s => !s.IsFreeSlot).Select(ToRegistration).ToList();

    /// <summary>HAProxy's view of a server as a registration, read without the router.</summary>
    internal static RouteRegistration ToRegistration(HAProxyServerState server)
        => new(server.Name, server.Endpoint, server.IsInMaintenance ? RouteState.Maintenance
            : server.IsDraining ? RouteState.Draining
            : server.Operational is HAProxyOperationalState.Running or HAProxyOperationalState.Starting ? RouteState.Routed
            : RouteState.Pending);

    private HAProxyBackendOptions Options()
    {
        var options = new HAProxyBackendOptions { SocketPath = _fixture.SocketPath, Backend = _backend, ServerNamePrefix = _prefix, UseSlots = _useSlots, DrainTimeout = TimeSpan.FromSeconds(5) };
        options.Check.Interval = TimeSpan.FromMilliseconds(100);
        return options;
    }

    private HAProxyBackendPool Pool() => new(_fixture.HAProxy.Client(), Options());
}
