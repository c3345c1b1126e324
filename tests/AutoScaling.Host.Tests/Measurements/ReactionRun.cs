using System.Globalization;
using System.Text.Json;
using AutoScaling.Testing;

namespace AutoScaling.Host.Tests.Measurements;

/// <summary>
/// The timestamps of one load step, from the side that knows each: the load (step, first answer by the new instance),
/// the autoscaler (the sample that shows the step, the decision), dockerd (created, started), haproxy (server added, up).
/// </summary>
internal sealed record ReactionRun(
    DateTimeOffset Step,
    DateTimeOffset Metric,
    DateTimeOffset Decision,
    DateTimeOffset Created,
    DateTimeOffset Started,
    DateTimeOffset Added,
    DateTimeOffset Up,
    DateTimeOffset Answered)
{
    /// <summary>Gets, for the Prometheus path, the first scrape of haproxy's counter after the step (else <see langword="null"/>).</summary>
    public DateTimeOffset? Scraped { get; init; }

    /// <summary>Gets the distinct samples the autoscaler showed during the run, for the test's output.</summary>
    public IReadOnlyList<string> Trace { get; init; } = [];

    public double Total => Ms(Step, Answered);

    public static double Ms(DateTimeOffset from, DateTimeOffset to) => (to - from).TotalMilliseconds;

    /// <summary>
    /// Steps the load from its base to <paramref name="stepRate"/> and follows the group until the new instance answered a
    /// request; then steps back and waits (bounded) until the group is back at one instance. Returns
    /// <see langword="null"/> when the new instance came without a sample over the threshold (not the step's doing).
    /// </summary>
    public static async Task<ReactionRun?> MeasureAsync(MeasuredStack stack, SteppedLoad load, double baseRate, double stepRate, double threshold)
    {
        Assert.True(await Tools.WaitUntilAsync(() => SettledAsync(stack), TimeSpan.FromSeconds(90)), "the group did not settle at one instance\n" + stack.Host.Output);
        var before = (await stack.ServersAsync()).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        load.Mark();
        var step = DateTimeOffset.UtcNow;
        load.SetRate(stepRate);
        DateTimeOffset? metric = null, added = null, up = null, answered = null;
        ServerLine? fresh = null;
        var trace = new List<string>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((answered is null || up is null) && DateTimeOffset.UtcNow < deadline)
        {
            var group = await stack.GroupAsync();
            if (metric is null && MetricAbove(group, step, threshold) is { } at)
            {
                metric = at;
            }

            var sample = group.GetProperty("metrics").GetProperty("rps").ToString();
            if (trace.Count == 0 || trace[^1] != sample)
            {
                trace.Add(sample);
            }

            var servers = await stack.ServersAsync();
            var now = DateTimeOffset.UtcNow;
            fresh = servers.FirstOrDefault(s => !before.Contains(s.Name)) ?? fresh;
            if (fresh is not null)
            {
                added ??= now;
                if (up is null && servers.First(s => s.Name == fresh.Name).Up)
                {
                    up = now;
                }

                answered ??= load.FirstAnswer(fresh.Port.ToString(CultureInfo.InvariantCulture));
                if (answered < up)
                {
                    up = answered; // it served before this poll saw it up: up no later than its first answer
                }
            }

            await Task.Delay(20);
        }

        if (metric is null && answered is not null)
        {
            // A new instance without a sample over the threshold: a replacement (reconcile), not the step's scale-out.
            load.SetRate(baseRate);
            Assert.True(await Tools.WaitUntilAsync(() => SettledAsync(stack), TimeSpan.FromSeconds(90)), "the group did not settle at one instance\n" + stack.Host.Output);
            return null;
        }

        Assert.True(answered is not null && fresh is not null && metric is not null && up is not null, $"no answer from a new instance within 60 s (metric {metric}, server {fresh}, up {up}; load {load.Sent} sent, {load.Failed} failed: {load.Failures}; samples {string.Join(" | ", trace)})\n{stack.Host.Output}");
        // The event is recorded when the action ends: after the actuator saw the server routed, which may come after the answer.
        (DateTimeOffset Time, int From, int To, string Outcome)? decision = null;
        Assert.True(
            await Tools.WaitUntilAsync(async () => (decision = (await stack.ScaleOutsAsync()).Where(e => e.Time >= step).OrderBy(e => e.Time).FirstOrDefault()) is { Time.Ticks: > 0 }, TimeSpan.FromSeconds(60)),
            "no scale-out event after the step\n" + stack.Host.Output);
        var id = InstanceId(await stack.GroupAsync(), fresh!.Port);
        var (created, started) = await MeasuredStack.ContainerTimesAsync(id);

        load.SetRate(baseRate);
        Assert.True(await Tools.WaitUntilAsync(() => SettledAsync(stack), TimeSpan.FromSeconds(90)), "the group did not scale back in to one instance\n" + stack.Host.Output);
        return new ReactionRun(step, metric!.Value, decision!.Value.Time, created, started, added!.Value, up!.Value, answered!.Value) { Trace = trace };
    }

    /// <summary>One instance, one server, no action running and the last decision holding at one.</summary>
    private static async Task<bool> SettledAsync(MeasuredStack stack)
    {
        var group = await stack.GroupAsync();
        return (await stack.ServersAsync()).Count == 1
            && group.GetProperty("currentInstances").GetInt32() == 1
            && !group.GetProperty("operationInProgress").GetBoolean()
            && group.TryGetProperty("desiredInstances", out var desired) && desired.GetInt32() == 1;
    }

    private static DateTimeOffset? MetricAbove(JsonElement group, DateTimeOffset step, double threshold)
    {
        var rps = group.GetProperty("metrics").GetProperty("rps");
        var time = rps.GetProperty("time").GetDateTimeOffset();
        return time >= step && rps.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() > threshold ? time : null;
    }

    private static string InstanceId(JsonElement group, int port)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
        return group.GetProperty("instances").EnumerateArray().First(i => i.TryGetProperty("address", out var a) && a.GetString() == address).GetProperty("id").GetString()!;
    }
}
