namespace AutoScaling.Simulation;

/// <summary>
/// Finds joins that break a daily pattern: two recordings concatenated without their gap shift the time of day. Each day
/// of hourly means is aligned with the profile of the first week (the circular shift of best correlation); a seam is where
/// the median shift of the three valid days after differs from that of the three before by four hours or more. The
/// hour is the change point that fits the profile best, refined to the point with the largest jump in level.
/// </summary>
internal static class PhaseSeams
{
    private const int MinimumShiftHours = 4;
    private const int Days = 3;

    public static IReadOnlyList<Seam> Find(ReadOnlySpan<double> seconds, ReadOnlySpan<double> rates, double step, bool[] inOutage, double[] hourly, bool[] hourInOutage)
    {
        var days = hourly.Length / 24;
        if (step > 3600 || days < 2 * Days)
        {
            return [];
        }

        var reference = new double[24];
        var used = 0;
        for (var d = 0; d < days && used < 7; d++)
        {
            if (!Anomalies.Touches(hourInOutage, d * 24, (d + 1) * 24))
            {
                for (var h = 0; h < 24; h++)
                {
                    reference[h] += hourly[(d * 24) + h];
                }

                used++;
            }
        }

        var valid = new List<(int Day, int Shift)>();
        for (var d = 0; d < days; d++)
        {
            if (!Anomalies.Touches(hourInOutage, d * 24, (d + 1) * 24))
            {
                valid.Add((d, BestShift(reference, hourly.AsSpan(d * 24, 24))));
            }
        }

        var change = new int[valid.Count];
        for (var i = Days; i + Days <= valid.Count; i++)
        {
            change[i] = Circular(MedianShift(valid, i, i + Days) - MedianShift(valid, i - Days, i));
        }

        var seams = new List<Seam>();
        for (var i = Days; i + Days <= valid.Count; i++)
        {
            if (Math.Abs(change[i]) < MinimumShiftHours || !IsLargestNearby(change, i))
            {
                continue;
            }

            var from = valid[i - 1].Day * 24;
            var to = (valid[Math.Min(valid.Count - 1, i + 1)].Day + 1) * 24;
            var hour = ChangeHour(hourly, hourInOutage, reference, from, to, change[i]);
            var at = Refine(rates, step, inOutage, hour);
            var w = (int)(1800 / step);
            seams.Add(new Seam("phase", seconds[at] - seconds[0], Level(rates, at - w, at), Level(rates, at, at + w), Math.Abs(change[i])));
        }

        return seams;
    }

    /// <summary>The largest change within <see cref="Days"/> boundaries each side; the earliest of equals.</summary>
    private static bool IsLargestNearby(int[] change, int i)
    {
        for (var k = Math.Max(0, i - Days); k < Math.Min(change.Length, i + Days + 1); k++)
        {
            if (Math.Abs(change[k]) > Math.Abs(change[i]) || (k < i && Math.Abs(change[k]) == Math.Abs(change[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static int BestShift(double[] reference, ReadOnlySpan<double> day)
    {
        var best = (Shift: 0, Correlation: double.NegativeInfinity);
        for (var s = -12; s < 12; s++)
        {
            double ma = 0, mb = 0;
            for (var h = 0; h < 24; h++)
            {
                ma += reference[h] / 24;
                mb += day[(h + s + 24) % 24] / 24;
            }

            double ab = 0, aa = 0, bb = 0;
            for (var h = 0; h < 24; h++)
            {
                var a = reference[h] - ma;
                var b = day[(h + s + 24) % 24] - mb;
                ab += a * b;
                aa += a * a;
                bb += b * b;
            }

            var c = aa > 0 && bb > 0 ? ab / Math.Sqrt(aa * bb) : 0;
            if (c > best.Correlation)
            {
                best = (s, c);
            }
        }

        return best.Shift;
    }

    /// <summary>The hour boundary in [from, to) where the profile at shift 0 before and <paramref name="shift"/> after fits best.</summary>
    private static int ChangeHour(double[] hourly, bool[] hourInOutage, double[] reference, int from, int to, int shift)
    {
        to = Math.Min(to, hourly.Length);
        double level = 0, profile = 0;
        var n = 0;
        for (var t = from; t < to; t++)
        {
            if (!hourInOutage[t])
            {
                level += hourly[t];
                profile += reference[t % 24];
                n++;
            }
        }

        var scale = profile > 0 ? level / profile : 0;
        var best = (Hour: from, Error: double.PositiveInfinity);
        for (var c = from; c <= to; c++)
        {
            double error = 0;
            for (var t = from; t < to; t++)
            {
                if (!hourInOutage[t])
                {
                    var fit = scale * reference[(((t - (t < c ? 0 : shift)) % 24) + 24) % 24]; // a day at shift s reads the profile s hours earlier
                    error += (hourly[t] - fit) * (hourly[t] - fit);
                }
            }

            if (error < best.Error)
            {
                best = (c, error);
            }
        }

        return best.Hour;
    }

    /// <summary>The point within an hour of <paramref name="hour"/> with the largest jump between the medians of the half hours before and after it.</summary>
    private static int Refine(ReadOnlySpan<double> rates, double step, bool[] inOutage, int hour)
    {
        var w = Math.Max(1, (int)(1800 / step));
        var center = Math.Clamp((int)Math.Round(hour * 3600 / step), w, rates.Length - w);
        var best = (At: center, Jump: -1.0);
        for (var i = Math.Max(w, center - (2 * w)); i <= Math.Min(rates.Length - w, center + (2 * w)); i++)
        {
            if (inOutage[i])
            {
                continue;
            }

            var jump = Math.Abs(Level(rates, i, i + w) - Level(rates, i - w, i));
            if (jump > best.Jump)
            {
                best = (i, jump);
            }
        }

        return best.At;
    }

    private static double Level(ReadOnlySpan<double> rates, int from, int to)
        => WorkloadAnalysis.Median(rates[Math.Max(0, from)..Math.Min(rates.Length, Math.Max(from + 1, to))]);

    private static int MedianShift(List<(int Day, int Shift)> valid, int from, int to)
    {
        var shifts = new double[to - from];
        for (var i = from; i < to; i++)
        {
            shifts[i - from] = valid[i].Shift;
        }

        return (int)Math.Round(WorkloadAnalysis.Median(shifts));
    }

    private static int Circular(int hours) => ((((hours + 12) % 24) + 24) % 24) - 12;
}
