using AutoScaling.Testing;

namespace AutoScaling.Docker.Tests.Containers;

/// <summary>The <see cref="IInstanceProvider"/> contract, run against real dockerd containers.</summary>
public sealed class DockerContainerProviderContractTests : InstanceProviderContractTests
{
    private readonly string _group = DockerTestEnvironment.NewGroup("contract");
    private readonly List<DockerContainerProvider> _providers = [];

    /// <inheritdoc/>
    protected override Task<IInstanceProvider> CreateProviderAsync()
    {
        var provider = new DockerContainerProvider(_group, DockerTestEnvironment.HttpdOptions(18100, 18139));
        _providers.Add(provider);
        return Task.FromResult<IInstanceProvider>(provider);
    }

    /// <inheritdoc/>
    protected override Task RequireBackendAsync() => DockerTestEnvironment.RequireAsync();

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await DockerTestEnvironment.RemoveGroupAsync(_group);
        foreach (var p in _providers)
        {
            p.Dispose();
        }
    }
}
