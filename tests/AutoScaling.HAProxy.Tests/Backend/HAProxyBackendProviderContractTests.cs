using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The provider contract for <see cref="HAProxyBackendInstanceProvider"/> over busybox httpd instances and a real haproxy.</summary>
public sealed class HAProxyBackendProviderContractTests(HAProxyFixture fixture) : InstanceProviderContractTests, IClassFixture<HAProxyFixture>
{
    protected override Task RequireBackendAsync()
    {
        Tools.Require();
        return Task.CompletedTask;
    }

    protected override Task<IInstanceProvider> CreateProviderAsync()
    {
        var options = new HAProxyBackendOptions { SocketPath = fixture.SocketPath, Backend = "web", DrainTimeout = TimeSpan.FromSeconds(5), ActiveTimeout = TimeSpan.FromSeconds(10) };
        options.Check.Interval = TimeSpan.FromMilliseconds(100);
        var pool = new HAProxyBackendPool(fixture.HAProxy.Client(), options);
        return Task.FromResult<IInstanceProvider>(new HAProxyBackendInstanceProvider(new BusyboxInstanceProvider(fixture.Instances), pool, options));
    }
}

/// <summary>The provider contract for the slot mode of <see cref="HAProxyBackendInstanceProvider"/>.</summary>
public sealed class HAProxyBackendSlotProviderContractTests(HAProxyFixture fixture) : InstanceProviderContractTests, IClassFixture<HAProxyFixture>
{
    protected override Task RequireBackendAsync()
    {
        Tools.Require();
        return Task.CompletedTask;
    }

    protected override Task<IInstanceProvider> CreateProviderAsync()
    {
        var options = new HAProxyBackendOptions { SocketPath = fixture.SocketPath, Backend = "slots", ServerNamePrefix = "slot", UseSlots = true, DrainTimeout = TimeSpan.FromSeconds(5), ActiveTimeout = TimeSpan.FromSeconds(10) };
        var pool = new HAProxyBackendPool(fixture.HAProxy.Client(), options);
        return Task.FromResult<IInstanceProvider>(new HAProxyBackendInstanceProvider(new BusyboxInstanceProvider(fixture.Instances), pool, options));
    }
}
