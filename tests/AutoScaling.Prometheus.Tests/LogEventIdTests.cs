using AutoScaling.Testing;

namespace AutoScaling.Prometheus.Tests;

public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_event_has_its_own_id_in_the_prometheus_range()
    {
        var assembly = typeof(PrometheusMetricSource).Assembly;

        LogEventIds.AssertUnique(assembly);
        Assert.All(LogEventIds.Of(assembly), e => Assert.InRange(e.Id, 3000, 3999));
    }
}
