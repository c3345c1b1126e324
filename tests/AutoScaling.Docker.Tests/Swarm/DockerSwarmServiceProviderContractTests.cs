using AutoScaling.Testing;

namespace AutoScaling.Docker.Tests.Swarm;

/// <summary>The <see cref="IInstanceProvider"/> contract, run against a real single-node swarm.</summary>
[Collection(SwarmTests.Name)]
public sealed class DockerSwarmServiceProviderContractTests(SwarmFixture swarm) : InstanceProviderContractTests
{
    private static int s_next;
    private readonly int _basePort = 18400 + (10 * (Interlocked.Increment(ref s_next) % 5));
    private readonly List<DockerSwarmServiceProvider> _providers = [];
    private string? _service;

    /// <inheritdoc/>
    protected override async Task<IInstanceProvider> CreateProviderAsync()
    {
        _service ??= await swarm.CreateServiceAsync(_basePort);
        var provider = new DockerSwarmServiceProvider("swarm-contract", new DockerSwarmServiceOptions
        {
            DockerHost = DockerTestEnvironment.Socket,
            Service = _service,
            BasePort = _basePort,
            MaxReplicas = 5,
            StopGracePeriod = TimeSpan.FromSeconds(2),
        });
        _providers.Add(provider);
        return provider;
    }

    /// <inheritdoc/>
    protected override async Task RequireBackendAsync()
    {
        await DockerTestEnvironment.RequireAsync();
        Component.Require(swarm.Missing is null, swarm.Missing ?? string.Empty);
    }

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_service is not null)
        {
            await SwarmFixture.RemoveServiceAsync(_service);
        }

        _providers.ForEach(p => p.Dispose());
    }
}
