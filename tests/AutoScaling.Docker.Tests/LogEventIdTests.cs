using AutoScaling.Testing;

namespace AutoScaling.Docker.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_event_has_its_own_id()
        => LogEventIds.AssertUnique(typeof(DockerSwarmServiceProvider).Assembly);
}
