using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The provider contract for <see cref="HAProxyServerPoolInstanceProvider"/>: java-service-1..5 (1-3 declared in the config, 4-5 added).</summary>
public sealed class HAProxyServerPoolContractTests(HAProxyFixture fixture) : InstanceProviderContractTests, IClassFixture<HAProxyFixture>
{
    internal static HAProxyServerPoolOptions Options(HAProxyFixture fixture)
    {
        var options = new HAProxyServerPoolOptions { SocketPath = fixture.SocketPath, Backend = "pool", DrainTimeout = TimeSpan.FromSeconds(5) };
        options.Check.Interval = TimeSpan.FromMilliseconds(100);
        foreach (var (name, address) in fixture.PoolServers)
        {
            options.Servers.Add(new HAProxyPoolServer { Name = name, Address = address });
        }

        return options;
    }

    protected override Task RequireBackendAsync()
    {
        Tools.Require();
        return Task.CompletedTask;
    }

    protected override Task<IInstanceProvider> CreateProviderAsync()
    {
        var options = Options(fixture);
        return Task.FromResult<IInstanceProvider>(new HAProxyServerPoolInstanceProvider(new HAProxyBackendPool(fixture.HAProxy.Client(), options), options));
    }
}
