namespace AutoScaling.Simulation;

/// <summary>A period found in a trace: its length and how strongly the load repeats after it (the autocorrelation, −1 to 1).</summary>
internal readonly record struct DominantPeriod(double Hours, double Strength);

/// <summary>A run of zeros: the load stopped (an outage, or a gap filled with zeros).</summary>
internal readonly record struct Outage(double StartSeconds, double DurationSeconds);

/// <summary>Points far above the local median, merged into one event.</summary>
internal readonly record struct Burst(double StartSeconds, double DurationSeconds, double Peak, double LocalMedian);

/// <summary>A jump in level between adjacent points that stays: two recordings joined, or a change of what was measured.</summary>
/// <remarks>Kind <c>level</c>: the median of the half hour after a point differs from the one before far beyond the usual change (sudden real changes, such as a match ending, look the same); kind <c>phase</c>: the daily pattern's time of day shifts there (score in hours), which a real change does not do.</remarks>
internal readonly record struct Seam(string Kind, double AtSeconds, double LevelBefore, double LevelAfter, double Score);

/// <summary>
/// A forecast back-test: the model learns the first part and forecasts the rest one bucket ahead, learning each actual
/// value as it arrives. MAPE skips buckets whose actual load is zero.
/// </summary>
internal sealed record Backtest(
    string Model,
    double BucketSeconds,
    int SeasonBuckets,
    int TrainBuckets,
    int TestBuckets,
    double Mape,
    double SeasonalNaiveMape,
    double BandCoverage,
    double BandLevel,
    double[] Actual,
    double[] Forecast,
    double[] Lower,
    double[] Upper);

/// <summary>What a trace shows: its level and spread, repeating periods, trend, anomalies and how well it can be forecast.</summary>
internal sealed record WorkloadReport(
    string Name,
    int Points,
    double StepSeconds,
    double DurationSeconds,
    double Mean,
    double Baseline,
    double Median,
    double P95,
    double Max,
    double PeakToMean,
    double CoefficientOfVariation,
    double TrendPerDay,
    IReadOnlyList<DominantPeriod> Periods,
    double[] Autocorrelation,
    double AutocorrelationBucketSeconds,
    IReadOnlyList<Outage> Outages,
    IReadOnlyList<Burst> Bursts,
    IReadOnlyList<Seam> Seams,
    Backtest? Backtest,
    double[] Hourly)
{
    /// <summary>The baseline percentile.</summary>
    public const double BaselinePercentile = 5;

    /// <summary>The trend as a share of the mean per day, in percent.</summary>
    public double TrendPercentPerDay => Mean > 0 ? 100 * TrendPerDay / Mean : 0;
}

/// <summary>Analyses a trace; see <see cref="WorkloadReport"/>. Deterministic: the same trace gives the same report.</summary>
internal static class WorkloadAnalysis
{
    public static WorkloadReport Analyze(LoadTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var rates = trace.Rates;
        var seconds = trace.Seconds;
        var step = (trace.End - trace.Start) / rates.Length;
        var sorted = rates.ToArray();
        Array.Sort(sorted);
        double sum = 0, sumSquares = 0;
        foreach (var r in rates)
        {
            sum += r;
            sumSquares += r * r;
        }

        var mean = sum / rates.Length;
        var std = Math.Sqrt(Math.Max(0, (sumSquares / rates.Length) - (mean * mean)));
        var outages = Anomalies.Outages(seconds, rates, step);
        var inOutage = Anomalies.Mask(seconds, rates.Length, outages);
        var hourly = Periodicity.Aggregate(seconds, rates, trace.Start, 3600);
        var bucket = Periodicity.BucketFor(trace.End - trace.Start, step);
        var aggregated = Periodicity.Aggregate(seconds, rates, trace.Start, bucket, inOutage);
        var acf = Periodicity.Autocorrelation(aggregated, Math.Min((int)(aggregated.Length * 0.6), (int)(9 * 86400 / bucket)));
        var periods = Periodicity.Dominant(acf, bucket, aggregated.Length);
        var daily = periods.Any(p => Math.Abs(p.Hours - 24) <= 1);
        var hourlyMasked = Periodicity.Aggregate(seconds, rates, trace.Start, 3600, inOutage);
        var hourInOutage = Periodicity.Covered(seconds, trace.Start, 3600, hourlyMasked.Length, inOutage);
        var bursts = Anomalies.Bursts(seconds, rates, step, inOutage);
        IReadOnlyList<Seam> seams = [.. Anomalies.Seams(seconds, rates, step, inOutage, bursts), .. daily ? PhaseSeams.Find(seconds, rates, step, inOutage, hourlyMasked, hourInOutage) : []];
        return new WorkloadReport(
            trace.Name,
            rates.Length,
            step,
            trace.End - trace.Start,
            mean,
            Percentile(sorted, WorkloadReport.BaselinePercentile),
            Percentile(sorted, 50),
            Percentile(sorted, 95),
            sorted[^1],
            mean > 0 ? sorted[^1] / mean : 0,
            mean > 0 ? std / mean : 0,
            Trend(seconds, rates, inOutage, periods),
            periods,
            acf,
            bucket,
            outages,
            bursts,
            [.. seams.OrderBy(x => x.AtSeconds)],
            ForecastBacktest.OneBucketAhead(aggregated, trace.Start, bucket),
            hourly);
    }

    /// <summary>The value below which <paramref name="percent"/> % of the sorted values lie (linear interpolation).</summary>
    internal static double Percentile(ReadOnlySpan<double> sorted, double percent)
    {
        var position = percent / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    /// <summary>The median of a copy of the values.</summary>
    internal static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var copy = values.ToArray();
        Array.Sort(copy);
        return Percentile(copy, 50);
    }

    /// <summary>
    /// Least-squares slope of the load against time, outside outages, in requests/s per day. With a period that fits three
    /// times into the trace the line goes through that period's means, as a season over whole cycles still tilts a line.
    /// </summary>
    private static double Trend(ReadOnlySpan<double> seconds, ReadOnlySpan<double> rates, bool[] inOutage, IReadOnlyList<DominantPeriod> periods)
    {
        var duration = seconds[^1] - seconds[0];
        var period = 0.0;
        foreach (var p in periods)
        {
            if (p.Hours * 3600 * 3 <= duration)
            {
                period = Math.Max(period, p.Hours * 3600);
            }
        }

        if (period > 0)
        {
            var means = Periodicity.Aggregate(seconds, rates, seconds[0], period, inOutage);
            var whole = (int)(duration / period); // a last partial cycle would tilt the line
            double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            for (var i = 0; i < whole; i++)
            {
                var x = (i + 0.5) * period / 86400;
                (n, sx, sy, sxx, sxy) = (n + 1, sx + x, sy + means[i], sxx + (x * x), sxy + (x * means[i]));
            }

            return Slope(n, sx, sy, sxx, sxy);
        }

        double m = 0, tx = 0, ty = 0, txx = 0, txy = 0;
        for (var i = 0; i < rates.Length; i++)
        {
            if (!inOutage[i])
            {
                var x = (seconds[i] - seconds[0]) / 86400;
                (m, tx, ty, txx, txy) = (m + 1, tx + x, ty + rates[i], txx + (x * x), txy + (x * rates[i]));
            }
        }

        return Slope(m, tx, ty, txx, txy);
    }

    private static double Slope(double n, double sx, double sy, double sxx, double sxy)
    {
        var denominator = (n * sxx) - (sx * sx);
        return n < 2 || denominator <= 0 ? 0 : ((n * sxy) - (sx * sy)) / denominator;
    }
}
