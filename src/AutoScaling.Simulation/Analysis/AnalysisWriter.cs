using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AutoScaling.Simulation;

/// <summary>Writes a <see cref="WorkloadReport"/> as text or JSON (no reflection: trimmed and AOT builds work).</summary>
internal static class AnalysisWriter
{
    public static void WriteText(TextWriter w, WorkloadReport r)
    {
        w.WriteLine(Invariant($"{r.Name}: {r.Points:N0} points every {r.StepSeconds:0.##} s, {SvgCharts.Clock(r.DurationSeconds)}"));
        w.WriteLine(Invariant($"  level      mean {r.Mean:0.###} req/s, baseline (p{WorkloadReport.BaselinePercentile:0}) {r.Baseline:0.###}, median {r.Median:0.###}, p95 {r.P95:0.###}, max {r.Max:0.###}"));
        w.WriteLine(Invariant($"  spread     peak-to-mean {r.PeakToMean:0.00}, coefficient of variation {r.CoefficientOfVariation:0.00}"));
        w.WriteLine(Invariant($"  trend      {r.TrendPerDay:+0.####;-0.####;0} req/s per day ({r.TrendPercentPerDay:+0.00;-0.00;0} % of the mean per day)"));
        w.WriteLine(r.Periods.Count == 0
            ? "  periods    none (no autocorrelation peak above 0.1)"
            : "  periods    " + string.Join(", ", r.Periods.Select(p => Invariant($"{p.Hours:0.##} h (strength {p.Strength:0.00})"))));
        w.WriteLine(Invariant($"  outages    {r.Outages.Count}") + string.Concat(r.Outages.Select(o => Invariant($"\n             at {SvgCharts.Clock(o.StartSeconds)}, lasting {SvgCharts.Clock(o.DurationSeconds)}"))));
        w.WriteLine(Invariant($"  bursts     {r.Bursts.Count}") + string.Concat(r.Bursts.Select(b => Invariant($"\n             at {SvgCharts.Clock(b.StartSeconds)}, {SvgCharts.Clock(b.DurationSeconds)}, peak {b.Peak:0.###} over a local median of {b.LocalMedian:0.###}"))));
        w.WriteLine(Invariant($"  seams      {r.Seams.Count}") + string.Concat(r.Seams.Select(s => Invariant($"\n             at {SvgCharts.Clock(s.AtSeconds)}: {s.Kind} seam, {s.LevelBefore:0.###} → {s.LevelAfter:0.###} ({(s.Kind == "phase" ? "daily pattern shifted " + s.Score.ToString("0", CultureInfo.InvariantCulture) + " h" : "score " + s.Score.ToString("0", CultureInfo.InvariantCulture))})"))));
        if (r.Backtest is { } b)
        {
            w.WriteLine(Invariant($"  back-test  {b.Model}; trained on {b.TrainBuckets} buckets of {SvgCharts.Clock(b.BucketSeconds)}, forecast {b.TestBuckets} one bucket ahead"));
            w.WriteLine(Invariant($"             MAPE {b.Mape:0.0} % (seasonal naive {b.SeasonalNaiveMape:0.0} %), {b.BandCoverage:0.0} % inside the {b.BandLevel:0} % band"));
        }
        else
        {
            w.WriteLine("  back-test  none: the first 70 % hold less than the model's day of warm-up, or the bucket does not divide a day");
        }
    }

    public static void WriteJson(Stream stream, WorkloadReport r)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("name", r.Name);
        json.WriteNumber("points", r.Points);
        json.WriteNumber("stepSeconds", r.StepSeconds);
        json.WriteNumber("durationSeconds", r.DurationSeconds);
        json.WriteNumber("mean", r.Mean);
        json.WriteNumber("baseline", r.Baseline);
        json.WriteNumber("baselinePercentile", WorkloadReport.BaselinePercentile);
        json.WriteNumber("median", r.Median);
        json.WriteNumber("p95", r.P95);
        json.WriteNumber("max", r.Max);
        json.WriteNumber("peakToMean", r.PeakToMean);
        json.WriteNumber("coefficientOfVariation", r.CoefficientOfVariation);
        json.WriteNumber("trendPerDay", r.TrendPerDay);
        json.WriteNumber("trendPercentPerDay", r.TrendPercentPerDay);
        Array(json, "periods", r.Periods, (j, p) => { j.WriteNumber("hours", p.Hours); j.WriteNumber("strength", p.Strength); });
        Array(json, "outages", r.Outages, (j, o) => { j.WriteNumber("startSeconds", o.StartSeconds); j.WriteNumber("durationSeconds", o.DurationSeconds); });
        Array(json, "bursts", r.Bursts, (j, b) => { j.WriteNumber("startSeconds", b.StartSeconds); j.WriteNumber("durationSeconds", b.DurationSeconds); j.WriteNumber("peak", b.Peak); j.WriteNumber("localMedian", b.LocalMedian); });
        Array(json, "seams", r.Seams, (j, s) => { j.WriteString("kind", s.Kind); j.WriteNumber("atSeconds", s.AtSeconds); j.WriteNumber("levelBefore", s.LevelBefore); j.WriteNumber("levelAfter", s.LevelAfter); j.WriteNumber("score", s.Score); });
        if (r.Backtest is { } b)
        {
            json.WriteStartObject("backtest");
            json.WriteString("model", b.Model);
            json.WriteNumber("bucketSeconds", b.BucketSeconds);
            json.WriteNumber("seasonBuckets", b.SeasonBuckets);
            json.WriteNumber("trainBuckets", b.TrainBuckets);
            json.WriteNumber("testBuckets", b.TestBuckets);
            Number(json, "mape", b.Mape);
            Number(json, "seasonalNaiveMape", b.SeasonalNaiveMape);
            json.WriteNumber("bandCoverage", b.BandCoverage);
            json.WriteNumber("bandLevel", b.BandLevel);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Array<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            write(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
