using AutoScaling.Testing;

namespace AutoScaling.Processes.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_event_of_Core_has_its_own_id()
        => LogEventIds.AssertUnique(typeof(ProcessInstanceProvider).Assembly);
}
