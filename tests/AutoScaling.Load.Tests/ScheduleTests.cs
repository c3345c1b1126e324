namespace AutoScaling.Load.Tests;

/// <summary>The profiles' shapes as send times: pure, no clock (the runner only waits for each due time).</summary>
public sealed class ScheduleTests
{
    private static List<TimeSpan> Times(LoadProfile profile, double seconds, long max = 1_000_000)
        => [.. LoadSchedule.SendTimes(profile, TimeSpan.FromSeconds(seconds), max)];

    private static int[] PerSecond(List<TimeSpan> times, int seconds)
    {
        var counts = new int[seconds];
        foreach (var t in times)
        {
            counts[(int)t.TotalSeconds]++;
        }

        return counts;
    }

    [Fact]
    public void Constant_sends_evenly_from_the_start()
    {
        var times = Times(new ConstantProfile(50), 2);
        Assert.Equal(100, times.Count);
        Assert.Equal(TimeSpan.Zero, times[0]);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(TimeSpan.FromMilliseconds(20), p.Second - p.First));
    }

    [Fact]
    public void Ramp_climbs_linearly()
    {
        var times = Times(new RampProfile(0, 100, TimeSpan.FromSeconds(10)), 10);
        Assert.InRange(times.Count, 499, 501); // the integral: 10 s × 50/s on average
        Assert.InRange(times.Count(t => t < TimeSpan.FromSeconds(5)), 124, 126); // a quarter in the first half
    }

    [Fact]
    public void Step_holds_each_rate_and_ends_after_the_last_step()
    {
        var times = Times(StepProfile.Parse("10x1s, 50x1s"), 10);
        Assert.Equal([10, 50], PerSecond(times, 2));
    }

    [Fact]
    public void Spike_rises_for_its_length_only()
    {
        Assert.Equal([10, 100, 10], PerSecond(Times(new SpikeProfile(10, 100, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), 3), 3));
    }

    [Fact]
    public void Trace_is_time_compressed_by_speed_and_scaled_by_rate_scale()
    {
        using var csv = new StringReader("timestamp_seconds,requests_per_second\n0,10\n60,20\n120,5\n");
        var trace = TraceProfile.Load(csv, speed: 60, rateScale: 2, "t.csv");
        Assert.Equal(TimeSpan.FromSeconds(3), trace.Length); // three trace minutes in three seconds
        Assert.Equal([20, 40, 10], PerSecond(Times(trace, 100), 3));
    }

    [Fact]
    public void Both_caps_end_the_schedule()
    {
        var capped = Times(new ConstantProfile(100), 10, max: 30);
        Assert.Equal(30, capped.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(290), capped[^1]);
        Assert.Equal(50, Times(new ConstantProfile(100), 0.5).Count);
    }

    [Theory]
    [InlineData("timestamp,rps\n0,1\n", "first line")]
    [InlineData("timestamp_seconds,requests_per_second\n0,1\n0,2\n", "line 3")]
    [InlineData("timestamp_seconds,requests_per_second\n0,-1\n", "line 2")]
    public void A_bad_trace_names_the_file_and_the_line(string text, string expected)
    {
        using var csv = new StringReader(text);
        var ex = Assert.Throws<FormatException>(() => TraceProfile.Load(csv, 60, 1, "bad.csv"));
        Assert.Contains("bad.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
