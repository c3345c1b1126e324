using AutoScaling.Decision.Behavior;

namespace AutoScaling.Tests.Decision;

public class TimedRingTests
{
    [Fact]
    public void Keeps_order_across_wrap_around_and_growth()
    {
        var ring = new TimedRing(4);
        for (var t = 1; t <= 6; t++)
        {
            ring.Add(t, t * 10);
        }

        Assert.Equal(8, ring.Capacity);
        ring.Prune(2);
        for (var t = 7; t <= 12; t++)
        {
            ring.Add(t, t * 10);
        }

        Assert.Equal(10, ring.Count);
        var times = Enumerable.Range(0, ring.Count).Select(ring.TimeAt).ToArray();
        Assert.Equal(Enumerable.Range(3, 10).Select(i => (long)i), times);
        Assert.Equal(120, ring.ValueAt(ring.Count - 1));
    }

    [Fact]
    public void Prune_drops_entries_at_or_before_the_cutoff()
    {
        var ring = new TimedRing(8);
        ring.Add(5, 1);
        ring.Add(10, 2);
        ring.Prune(5);
        Assert.Equal(1, ring.Count);
        Assert.Equal(10, ring.TimeAt(0));
    }
}
