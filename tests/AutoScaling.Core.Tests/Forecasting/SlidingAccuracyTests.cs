using AutoScaling.Forecasting;

namespace AutoScaling.Core.Tests.Forecasting;

public class SlidingAccuracyTests
{
    [Fact]
    public void Holds_only_the_scores_of_the_last_buckets()
    {
        var a = new SlidingAccuracy(3);
        a.Add(10, 0.9, false);
        a.Add(11, 0.1, true);
        a.Add(12, 0.2, true);
        a.Add(13, 0.3, null); // pushes bucket 10 out; no band yet for this one

        Assert.Equal(3, a.Scored);
        Assert.Equal(0.2, a.Mape, 12);
        Assert.Equal(1.0, a.Coverage);
    }

    [Fact]
    public void A_gap_empties_the_buckets_it_passes()
    {
        var a = new SlidingAccuracy(4);
        a.Add(1, 0.5, false);
        a.Add(2, 0.5, false);
        a.Add(4, 0.1, true); // bucket 3 had no score: 1, 2 and 4 are in the window

        Assert.Equal(3, a.Scored);
        a.Add(100, 0.2, true); // far past the window: only itself is left

        Assert.Equal(1, a.Scored);
        Assert.Equal(0.2, a.Mape, 12);
        Assert.Equal(1.0, a.Coverage);
    }

    [Fact]
    public void Values_at_zero_count_for_the_band_but_not_the_percentage_error()
    {
        var a = new SlidingAccuracy(10);
        a.Add(1, double.NaN, false);

        Assert.Equal(0, a.Scored);
        Assert.True(double.IsNaN(a.Mape));
        Assert.Equal(0.0, a.Coverage);
    }

    [Fact]
    public void An_emptied_window_reports_nothing_rather_than_a_rounding_residue()
    {
        var a = new SlidingAccuracy(2);
        a.Add(1, 0.1, true);
        a.Add(2, 0.7, true);
        a.Add(5, double.NaN, null);

        Assert.Equal(0, a.Scored);
        Assert.True(double.IsNaN(a.Mape));
        Assert.True(double.IsNaN(a.Coverage));
    }
}
