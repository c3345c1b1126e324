using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AutoScaling.Tests.Controller;

/// <summary>An unavailable provider is logged as one line with its message, once per outage; a bug keeps its stack trace.</summary>
public sealed class EvaluationFailureLogTests
{
    private static readonly InstanceProviderException Unavailable = new("Docker group 'web': unix:///var/run/docker.sock is unavailable (test).");

    [Fact]
    public async Task An_unavailable_provider_is_one_error_line_without_a_stack_trace_then_debug_until_it_changes()
    {
        var logs = new FakeLogCollector();
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 1), logs: logs);
        await h.TickAsync();
        h.Recorder.FailListings = Unavailable;

        for (var i = 0; i < 5; i++)
        {
            await h.TickAsync();
        }

        h.Recorder.FailListings = new InstanceProviderException("Docker group 'web': the daemon answered 500 (test).");
        await h.TickAsync();
        await h.TickAsync();

        var failures = logs.GetSnapshot().Where(l => l.Message.Contains("evaluation failed", StringComparison.Ordinal)).ToList();
        Assert.All(failures, l => Assert.Null(l.Exception));
        var errors = failures.Where(l => l.Level == LogLevel.Error).Select(l => l.Message).ToList();
        Assert.Equal(
            ["Group web: evaluation failed: Docker group 'web': unix:///var/run/docker.sock is unavailable (test).",
             "Group web: evaluation failed: Docker group 'web': the daemon answered 500 (test)."],
            errors);
        Assert.Equal(5, failures.Count(l => l.Level == LogLevel.Debug));
        Assert.Equal("Docker group 'web': the daemon answered 500 (test).", h.Controller.Group.Status.LastError);

        // Back, then down again with the first message: a new outage, a new error line.
        h.Recorder.FailListings = null;
        await h.TickAsync();
        Assert.Null(h.Controller.Group.Status.LastError);
        h.Recorder.FailListings = Unavailable;
        await h.TickAsync();
        Assert.Equal(3, logs.GetSnapshot().Count(l => l.Level == LogLevel.Error && l.Message.Contains("evaluation failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_outage_that_begins_during_an_action_is_logged_once_at_error()
    {
        // The listing after the action failed first; it was recorded as the last error without a log line, so every
        // evaluation failure after it looked like a repeat and went to Debug: the outage never showed (CI, dockerd stopped).
        var logs = new FakeLogCollector();
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 1), logs: logs);
        h.Recorder.AfterProvision = () => h.Recorder.FailListings = Unavailable;

        await h.TickAsync();
        await h.TickAsync();
        await h.TickAsync();

        var failures = logs.GetSnapshot().Where(l => l.Message.Contains(Unavailable.Message, StringComparison.Ordinal)).ToList();
        Assert.Equal(LogLevel.Error, Assert.Single(failures, l => l.Level >= LogLevel.Warning).Level);
        Assert.Equal(Unavailable.Message, h.Controller.Group.Status.LastError);
        var action = Assert.Single(h.Control.GetEvents("web"));
        Assert.Equal((ScalingOutcome.Failed, 0, Unavailable.Message), (action.Outcome, action.Reached, action.Detail)); // not seen in service: not counted
    }

    [Fact]
    public async Task An_unexpected_exception_is_logged_with_its_stack_trace_every_time()
    {
        var logs = new FakeLogCollector();
        using var h = GroupHarness.Create(g => g.UseFixed(f => f.Instances = 1), logs: logs);
        h.Recorder.FailListings = new InvalidOperationException("a bug (test)");

        await h.TickAsync();
        await h.TickAsync();

        var failures = logs.GetSnapshot().Where(l => l.Message.Contains("evaluation failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, l => Assert.Equal((LogLevel.Error, "a bug (test)"), (l.Level, l.Exception?.Message)));
    }
}
