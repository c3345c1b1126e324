using AutoScaling.Testing;

namespace AutoScaling.Processes.Tests;

/// <summary>The provider contract against real <c>busybox httpd</c> processes; every provider of a test shares one state file (a restarted host).</summary>
public sealed class ProcessInstanceContractTests : InstanceProviderContractTests
{
    private readonly ProcessFixture _fixture = new();
    private readonly List<ProcessInstanceProvider> _providers = [];

    protected override TimeSpan ActiveTimeout => TimeSpan.FromSeconds(10);

    protected override Task RequireBackendAsync()
    {
        ProcessFixture.RequireBusybox();
        return Task.CompletedTask;
    }

    protected override Task<IInstanceProvider> CreateProviderAsync()
    {
        var provider = ProcessFixture.Provider(_fixture.Options(19900, 19929));
        _providers.Add(provider);
        return Task.FromResult<IInstanceProvider>(provider);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _fixture.Delete();
    }
}
