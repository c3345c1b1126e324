using System.Buffers;
using System.Diagnostics.Metrics;
using System.Text;

namespace AutoScaling.Prometheus;

/// <summary>One instrument's series, aggregated per tag set, and how to render them.</summary>
internal sealed class InstrumentState
{
    private readonly object _lock = new();
    private readonly Dictionary<int, List<MetricSeries>> _byHash = [];
    private readonly Dictionary<string, MetricSeries> _byLabels = new(StringComparer.Ordinal);
    private readonly Func<long> _generation;

    public InstrumentState(Instrument instrument, InstrumentKind kind, string familyName, double[] buckets, Func<long> generation)
    {
        Instrument = instrument;
        Kind = kind;
        FamilyName = familyName;
        Buckets = kind == InstrumentKind.Histogram ? buckets : [];
        _generation = generation;
    }

    public Instrument Instrument { get; }

    public InstrumentKind Kind { get; }

    public string FamilyName { get; }

    public double[] Buckets { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_lock)
        {
            var series = Find(tags);
            switch (Kind)
            {
                case InstrumentKind.Counter:
                case InstrumentKind.UpDownCounter:
                    series.Value += value;
                    break;
                case InstrumentKind.Histogram:
                    var i = Array.BinarySearch(Buckets, value);
                    series.BucketCounts![i >= 0 ? i : ~i]++;
                    series.Sum += value;
                    series.Count++;
                    break;
                default:
                    series.Value = value;
                    series.Generation = _generation();
                    break;
            }
        }
    }

    /// <summary>Writes this instrument's samples (not the family's HELP and TYPE lines), series ordered by labels.</summary>
    public void WriteSamples(IBufferWriter<byte> writer, long generation)
    {
        lock (_lock)
        {
            var all = new List<MetricSeries>(_byLabels.Values);
            all.Sort(static (a, b) => string.CompareOrdinal(a.Labels, b.Labels));
            foreach (var s in all)
            {
                if (Kind.IsObservable() && s.Generation != generation)
                {
                    continue; // not reported in this collection: the observed thing is gone
                }

                if (Kind == InstrumentKind.Histogram)
                {
                    WriteHistogram(writer, s);
                }
                else
                {
                    WriteSample(writer, FamilyName, s.Labels, null, s.Value);
                }
            }
        }
    }

    private void WriteHistogram(IBufferWriter<byte> writer, MetricSeries s)
    {
        var bucket = FamilyName + "_bucket";
        long cumulative = 0;
        for (var i = 0; i <= Buckets.Length; i++)
        {
            cumulative += s.BucketCounts![i];
            var le = i < Buckets.Length ? PrometheusTextWriter.FormatBound(Buckets[i]) : "+Inf";
            WriteSample(writer, bucket, s.Labels, le, cumulative);
        }

        WriteSample(writer, FamilyName + "_sum", s.Labels, null, s.Sum);
        WriteSample(writer, FamilyName + "_count", s.Labels, null, s.Count);
    }

    private static void WriteSample(IBufferWriter<byte> writer, string name, string labels, string? le, double value)
    {
        PrometheusTextWriter.Write(writer, name);
        if (labels.Length > 0 || le is not null)
        {
            writer.Write("{"u8);
            PrometheusTextWriter.Write(writer, labels);
            if (le is not null)
            {
                writer.Write(labels.Length > 0 ? ",le=\""u8 : "le=\""u8);
                PrometheusTextWriter.Write(writer, le);
                writer.Write("\""u8);
            }

            writer.Write("}"u8);
        }

        writer.Write(" "u8);
        PrometheusTextWriter.WriteValue(writer, value);
        writer.Write("\n"u8);
    }

    private MetricSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var t in tags)
        {
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(t.Key), t.Value);
        }

        if (_byHash.TryGetValue(hash, out var candidates))
        {
            foreach (var c in candidates)
            {
                if (c.Matches(tags))
                {
                    return c;
                }
            }
        }
        else
        {
            candidates = [];
            _byHash[hash] = candidates;
        }

        var copy = tags.ToArray();
        var labels = RenderLabels(copy);

        // Different values that render the same (5 as int and as long) share a series: no duplicate lines.
        if (!_byLabels.TryGetValue(labels, out var series))
        {
            series = new MetricSeries(copy, labels, Buckets.Length);
            _byLabels[labels] = series;
        }

        candidates.Add(series);
        return series;
    }

    private string RenderLabels(KeyValuePair<string, object?>[] tags)
    {
        var pairs = new List<(string Name, string Value)>(tags.Length);
        foreach (var t in tags)
        {
            var name = PrometheusNames.LabelName(t.Key);
            if (Kind == InstrumentKind.Histogram && name == "le")
            {
                name = "tag_le";
            }

            if (!pairs.Exists(p => p.Name == name))
            {
                pairs.Add((name, PrometheusTextWriter.EscapeLabelValue(PrometheusTextWriter.FormatTagValue(t.Value))));
            }
        }

        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var sb = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(name).Append("=\"").Append(value).Append('"');
        }

        return sb.ToString();
    }
}
