using AutoScaling.Testing;

namespace AutoScaling.Core.Tests.Metrics;

/// <summary>SharedRead: one backend call serves the metrics of an evaluation; a failure or an old result is not reused.</summary>
public sealed class SharedReadTests
{
    [Fact]
    public async Task A_read_in_flight_is_joined_and_a_recent_result_reused_until_it_is_too_old()
    {
        var time = new ManualTimeProvider();
        var calls = 0;
        var release = new TaskCompletionSource<int>();
        var shared = new SharedRead<int>(async _ => { Interlocked.Increment(ref calls); return await release.Task; }, TimeSpan.FromMilliseconds(50), time);

        var first = shared.ReadAsync(default);
        var joined = shared.ReadAsync(default);
        release.SetResult(7);
        var both = await Task.WhenAll(first, joined);
        Assert.Equal(new[] { 7, 7 }, both);
        Assert.Equal(7, await shared.ReadAsync(default));
        Assert.Equal(1, calls);

        time.Advance(TimeSpan.FromMilliseconds(50));
        release = new TaskCompletionSource<int>();
        release.SetResult(8);
        Assert.Equal(8, await shared.ReadAsync(default));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_failed_read_is_not_reused()
    {
        var calls = 0;
        var shared = new SharedRead<int>(_ => ++calls == 1 ? Task.FromException<int>(new InvalidOperationException("down")) : Task.FromResult(5), TimeSpan.FromMinutes(1), new ManualTimeProvider());
        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.ReadAsync(default));
        Assert.Equal(5, await shared.ReadAsync(default));
    }

    [Fact]
    public void Metric_options_names_round_trip_and_other_names_pass_through()
    {
        var name = MetricOptionsName.Create("web", "haproxy-stats", "rps");
        Assert.Equal("web/haproxy-stats:rps", name);
        Assert.Equal(("web", "rps"), MetricOptionsName.Parse(name, "haproxy-stats"));
        Assert.Equal(("web", string.Empty), MetricOptionsName.Parse("web", "haproxy-stats"));
    }
}
