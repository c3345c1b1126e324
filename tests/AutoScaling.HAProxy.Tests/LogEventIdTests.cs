using AutoScaling.Testing;

namespace AutoScaling.HAProxy.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_event_has_its_own_id()
        => LogEventIds.AssertUnique(typeof(HAProxyRuntimeClient).Assembly);
}
