namespace AutoScaling.Simulation;

/// <summary>Finds repeating periods: the trace averaged into buckets, its autocorrelation, and the peaks that are not harmonics of a shorter period.</summary>
internal static class Periodicity
{
    private const double MinimumStrength = 0.1;
    private const int MaxPeriods = 3;

    /// <summary>Hourly buckets for traces of three days or more, minutes for shorter ones, never finer than the trace.</summary>
    public static double BucketFor(double durationSeconds, double stepSeconds)
        => Math.Max(stepSeconds, durationSeconds >= 3 * 86400 ? 3600 : 60);

    /// <summary>The mean of each bucket of <paramref name="bucketSeconds"/> from <paramref name="start"/>; masked points are left out, and a bucket with none left takes the mean of the others.</summary>
    public static double[] Aggregate(ReadOnlySpan<double> seconds, ReadOnlySpan<double> rates, double start, double bucketSeconds, bool[]? mask = null)
    {
        var count = Math.Max(1, (int)Math.Ceiling((seconds[^1] - start + 1e-9) / bucketSeconds));
        var sums = new double[count];
        var counts = new int[count];
        for (var i = 0; i < rates.Length; i++)
        {
            if (mask is not null && mask[i])
            {
                continue;
            }

            var b = Math.Min(count - 1, (int)((seconds[i] - start) / bucketSeconds));
            sums[b] += rates[i];
            counts[b]++;
        }

        double total = 0;
        var filled = 0;
        for (var b = 0; b < count; b++)
        {
            if (counts[b] > 0)
            {
                sums[b] /= counts[b];
                total += sums[b];
                filled++;
            }
        }

        var mean = filled == 0 ? 0 : total / filled;
        for (var b = 0; b < count; b++)
        {
            if (counts[b] == 0)
            {
                sums[b] = mean;
            }
        }

        return sums;
    }

    /// <summary>Marks the buckets that hold a masked point.</summary>
    public static bool[] Covered(ReadOnlySpan<double> seconds, double start, double bucketSeconds, int count, bool[] mask)
    {
        var covered = new bool[count];
        for (var i = 0; i < seconds.Length; i++)
        {
            if (mask[i])
            {
                covered[Math.Min(count - 1, (int)((seconds[i] - start) / bucketSeconds))] = true;
            }
        }

        return covered;
    }

    /// <summary>The autocorrelation of the detrended series at lags 0 to <paramref name="maxLag"/>, each lag's sum divided by its own number of pairs.</summary>
    public static double[] Autocorrelation(double[] x, int maxLag)
    {
        maxLag = Math.Max(0, Math.Min(maxLag, x.Length - 1));
        x = Detrended(x);
        double variance = 0;
        foreach (var v in x)
        {
            variance += v * v;
        }

        var acf = new double[maxLag + 1];
        for (var k = 0; k <= maxLag; k++)
        {
            double s = 0;
            for (var t = 0; t + k < x.Length; t++)
            {
                s += x[t] * x[t + k];
            }

            // Normalised per overlapping pair, so a day's lag on a two-day trace is not halved by the shorter overlap.
            acf[k] = variance > 0 ? s / (x.Length - k) / (variance / x.Length) : 0;
        }

        return acf;
    }

    /// <summary>The residuals of a least-squares line, so a trend does not hide the periods.</summary>
    private static double[] Detrended(double[] x)
    {
        double n = x.Length, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var t = 0; t < x.Length; t++)
        {
            sx += t;
            sy += x[t];
            sxx += (double)t * t;
            sxy += t * x[t];
        }

        var denominator = (n * sxx) - (sx * sx);
        var slope = denominator > 0 ? ((n * sxy) - (sx * sy)) / denominator : 0;
        var intercept = (sy - (slope * sx)) / n;
        var residuals = new double[x.Length];
        for (var t = 0; t < x.Length; t++)
        {
            residuals[t] = x[t] - intercept - (slope * t);
        }

        return residuals;
    }

    /// <summary>
    /// The strongest autocorrelation peaks (maxima within 5 % of their lag, above 0.1 and above four standard errors of
    /// white noise, 4/√(pairs): many lags are tested), strongest first. A peak at a multiple of a period
    /// already found is a harmonic unless it stands above the same period's neighbouring multiples (a week over a day).
    /// </summary>
    public static IReadOnlyList<DominantPeriod> Dominant(double[] acf, double bucketSeconds, int length)
    {
        var accepted = new List<int>();
        for (var k = 2; k + 1 < acf.Length; k++)
        {
            if (!(acf[k] > Math.Max(MinimumStrength, 4 / Math.Sqrt(length - k)) && IsPeak(acf, k)) || IsHarmonic(acf, accepted, k))
            {
                continue;
            }

            accepted.Add(k);
        }

        accepted.Sort((a, b) => acf[b].CompareTo(acf[a]));
        var periods = new List<DominantPeriod>();
        foreach (var k in accepted.Take(MaxPeriods))
        {
            periods.Add(new DominantPeriod(k * bucketSeconds / 3600, acf[k]));
        }

        return periods;
    }

    /// <summary>The largest within 5 % of its lag (at least one bucket) each side, so noise on a broad peak counts once.</summary>
    private static bool IsPeak(double[] acf, int k)
    {
        var reach = Math.Max(1, k / 20);
        if (k + reach >= acf.Length)
        {
            return false;
        }

        for (var j = k - reach; j <= k + reach; j++)
        {
            if (j != k && (acf[j] > acf[k] || (acf[j] == acf[k] && j < k)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHarmonic(double[] acf, List<int> accepted, int lag)
    {
        foreach (var p in accepted)
        {
            var m = (int)Math.Round(lag / (double)p);
            if (m < 2 || Math.Abs(lag - (m * p)) > Math.Max(1, 0.05 * lag))
            {
                continue;
            }

            var below = Peak(acf, (m - 1) * p);
            var above = (m + 1) * p < acf.Length ? Peak(acf, (m + 1) * p) : double.NegativeInfinity;
            if (acf[lag] <= Math.Max(below, above) + 0.02)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The largest autocorrelation within one bucket of <paramref name="lag"/>.</summary>
    private static double Peak(double[] acf, int lag)
    {
        var best = double.NegativeInfinity;
        for (var k = Math.Max(0, lag - 1); k <= Math.Min(acf.Length - 1, lag + 1); k++)
        {
            best = Math.Max(best, acf[k]);
        }

        return best;
    }
}
