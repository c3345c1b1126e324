using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

/// <summary>The decorator's waits run on the injected <see cref="TimeProvider"/>: driven here by a manual clock.</summary>
public sealed class HAProxyBackendTimeoutTests
{
    [Fact]
    public async Task Instance_never_active_times_out_on_the_injected_clock_and_is_decommissioned()
    {
        using var socket = new RecordingSocket();
        var time = new ManualTimeProvider();
        var options = new HAProxyBackendOptions { SocketPath = socket.Path, Backend = "web", ActiveTimeout = TimeSpan.FromSeconds(5), PollInterval = TimeSpan.FromMilliseconds(250) };
        var inner = new NeverActiveProvider(time);
        var pool = new HAProxyBackendPool(new HAProxyRuntimeClient(options.CreateEndpoint(), TimeSpan.FromSeconds(2), time), options, time);
        var provider = new HAProxyBackendInstanceProvider(inner, pool, options, time);

        var provisioning = provider.ProvisionAsync(CancellationToken.None).AsTask();
        for (var i = 0; i < 1000 && !provisioning.IsCompleted; i++)
        {
            await Task.Delay(1);
            time.Advance(options.PollInterval);
        }

        var ex = await Assert.ThrowsAsync<InstanceProviderException>(() => provisioning);
        Assert.Contains("was not active within 00:00:05", ex.Message, StringComparison.Ordinal);
        Assert.InRange(time.GetUtcNow() - inner.ProvisionedAt, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        Assert.True(inner.Decommissioned);
        Assert.Equal(0, socket.Connections);
    }

    /// <summary>An inner provider whose instance stays Starting (stands for a container whose health check never passes).</summary>
    private sealed class NeverActiveProvider(TimeProvider time) : IInstanceProvider
    {
        private ScalingInstance? _instance;

        public DateTimeOffset ProvisionedAt { get; private set; }

        public bool Decommissioned { get; private set; }

        public ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<ScalingInstance>>(_instance is null ? [] : [_instance]);

        public ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
        {
            ProvisionedAt = time.GetUtcNow();
            _instance = new ScalingInstance("slow", "127.0.0.1:19499", InstanceState.Starting, ProvisionedAt);
            return ValueTask.FromResult(_instance);
        }

        public ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
        {
            Decommissioned = true;
            _instance = null;
            return ValueTask.CompletedTask;
        }
    }
}
