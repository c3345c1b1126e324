namespace AutoScaling.Simulation;

/// <summary>Finds outages (runs of zeros), bursts (far above the local median) and seams (a jump in level that stays).</summary>
internal static class Anomalies
{
    private const double OutageMinimumSeconds = 1800;
    private const double BurstThreshold = 8;
    private const double SeamThreshold = 20;
    private const int MaxReported = 10;

    /// <summary>Runs of zero load lasting at least 30 minutes (and three points).</summary>
    public static IReadOnlyList<Outage> Outages(ReadOnlySpan<double> seconds, ReadOnlySpan<double> rates, double step)
    {
        var outages = new List<Outage>();
        var minimum = Math.Max(OutageMinimumSeconds, 3 * step);
        for (var i = 0; i < rates.Length;)
        {
            if (rates[i] != 0)
            {
                i++;
                continue;
            }

            var j = i;
            while (j < rates.Length && rates[j] == 0)
            {
                j++;
            }

            var duration = (j < rates.Length ? seconds[j] : seconds[^1] + step) - seconds[i];
            if (duration >= minimum)
            {
                outages.Add(new Outage(seconds[i] - seconds[0], duration));
            }

            i = j;
        }

        return outages;
    }

    /// <summary>Marks the points inside the outages.</summary>
    public static bool[] Mask(ReadOnlySpan<double> seconds, int count, IReadOnlyList<Outage> outages)
    {
        var mask = new bool[count];
        foreach (var o in outages)
        {
            for (var i = 0; i < count; i++)
            {
                var t = seconds[i] - seconds[0];
                mask[i] |= t >= o.StartSeconds && t < o.StartSeconds + o.DurationSeconds;
            }
        }

        return mask;
    }

    /// <summary>
    /// Points more than eight robust standard deviations (1.4826 × the median absolute deviation of the residuals) above the
    /// median of the hour around them, and at least 1.5 times it; adjacent ones merge. The largest ten, in time order.
    /// </summary>
    public static IReadOnlyList<Burst> Bursts(ReadOnlySpan<double> seconds, ReadOnlySpan<double> rates, double step, bool[] inOutage)
    {
        var half = Math.Clamp((int)(1800 / step), 3, 60);
        var local = RollingMedian(rates, half);
        var residuals = new double[rates.Length];
        for (var i = 0; i < rates.Length; i++)
        {
            residuals[i] = rates[i] - local[i];
        }

        var scale = RobustScale(residuals, inOutage);
        var bursts = new List<Burst>();
        for (var i = 0; i < rates.Length; i++)
        {
            if (inOutage[i] || !IsBurst(rates[i], local[i], scale))
            {
                continue;
            }

            var j = i;
            var peak = rates[i];
            while (j + 1 < rates.Length && !inOutage[j + 1] && IsBurst(rates[j + 1], local[j + 1], scale))
            {
                peak = Math.Max(peak, rates[++j]);
            }

            bursts.Add(new Burst(seconds[i] - seconds[0], seconds[j] - seconds[i] + step, peak, local[i]));
            i = j;
        }

        return [.. bursts.OrderByDescending(b => b.Peak - b.LocalMedian).Take(MaxReported).OrderBy(b => b.StartSeconds)];
    }

    /// <summary>
    /// Jumps between the median of the half hour before and after a point that stand out from the same change a period
    /// earlier and a period later (so a daily ramp is no seam) by twenty robust standard deviations, away from the bursts
    /// (a burst's edges are no seam). The largest ten.
    /// </summary>
    public static IReadOnlyList<Seam> Seams(ReadOnlySpan<double> seconds, ReadOnlySpan<double> rates, double step, bool[] inOutage, IReadOnlyList<Burst> bursts, double periodSeconds = 86400)
    {
        var w = Math.Clamp((int)(1800 / step), 3, 60);
        var n = rates.Length;
        var change = new double[n];
        var before = new double[n];
        var after = new double[n];
        var valid = new bool[n];
        for (var i = w; i + w <= n; i++)
        {
            if (Touches(inOutage, i - w, i + w))
            {
                continue;
            }

            before[i] = WorkloadAnalysis.Median(rates.Slice(i - w, w));
            after[i] = WorkloadAnalysis.Median(rates.Slice(i, w));
            change[i] = after[i] - before[i];
            valid[i] = true;
        }

        var p = (int)Math.Round(periodSeconds / step);
        var score = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (!valid[i])
            {
                continue;
            }

            var s = Math.Abs(change[i]);
            if (p > w && i - p >= 0 && valid[i - p])
            {
                s = Math.Min(s, Math.Abs(change[i] - change[i - p]));
            }

            if (p > w && i + p < n && valid[i + p])
            {
                s = Math.Min(s, Math.Abs(change[i] - change[i + p]));
            }

            score[i] = s;
        }

        var scale = RobustScale(score, Invert(valid));
        var seams = new List<Seam>();
        for (var i = 0; i < n; i++)
        {
            var z = score[i] / scale;
            if (!valid[i] || z < SeamThreshold || !IsLocalMaximum(score, i, w) || NearBurst(bursts, seconds[i] - seconds[0], w * step))
            {
                continue;
            }

            seams.Add(new Seam("level", seconds[i] - seconds[0], before[i], after[i], z));
        }

        return [.. seams.OrderByDescending(s => s.Score).Take(MaxReported)];
    }

    private static bool NearBurst(IReadOnlyList<Burst> bursts, double at, double margin)
    {
        foreach (var b in bursts)
        {
            if (at >= b.StartSeconds - margin && at <= b.StartSeconds + b.DurationSeconds + margin)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBurst(double value, double median, double scale) => value - median > BurstThreshold * scale && value > 1.5 * median;

    /// <summary>Whether any of <paramref name="mask"/>[from..to) is set.</summary>
    internal static bool Touches(bool[] mask, int from, int to)
    {
        for (var i = Math.Max(0, from); i < Math.Min(mask.Length, to); i++)
        {
            if (mask[i])
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLocalMaximum(double[] score, int i, int w)
    {
        for (var k = Math.Max(0, i - w); k < Math.Min(score.Length, i + w + 1); k++)
        {
            if (score[k] > score[i] || (score[k] == score[i] && k < i))
            {
                return false;
            }
        }

        return true;
    }

    private static bool[] Invert(bool[] valid)
    {
        var mask = new bool[valid.Length];
        for (var i = 0; i < valid.Length; i++)
        {
            mask[i] = !valid[i];
        }

        return mask;
    }

    /// <summary>1.4826 × the median absolute deviation of the unmasked values (a standard deviation robust to outliers); never zero.</summary>
    private static double RobustScale(double[] values, bool[] mask)
    {
        var kept = new List<double>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!mask[i])
            {
                kept.Add(values[i]);
            }
        }

        var median = WorkloadAnalysis.Median(kept.ToArray());
        var deviations = new double[kept.Count];
        for (var i = 0; i < kept.Count; i++)
        {
            deviations[i] = Math.Abs(kept[i] - median);
        }

        var mad = 1.4826 * WorkloadAnalysis.Median(deviations);
        var meanDeviation = deviations.Length == 0 ? 0 : 1.2533 * deviations.Average(); // when over half the values are equal (zeros)
        return mad > 0 ? mad : meanDeviation > 0 ? meanDeviation : 1e-9;
    }

    private static double[] RollingMedian(ReadOnlySpan<double> values, int half)
    {
        var result = new double[values.Length];
        var window = new double[(2 * half) + 1];
        for (var i = 0; i < values.Length; i++)
        {
            var from = Math.Max(0, i - half);
            var to = Math.Min(values.Length, i + half + 1);
            var span = window.AsSpan(0, to - from);
            values[from..to].CopyTo(span);
            span.Sort();
            result[i] = WorkloadAnalysis.Percentile(span, 50);
        }

        return result;
    }
}
