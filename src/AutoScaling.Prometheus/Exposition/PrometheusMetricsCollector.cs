using System.Buffers;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus;

/// <summary>
/// Listens to the autoscaler's meter (and any other meters named in the options) and writes what it measured in the
/// Prometheus text format 0.0.4: counters as sums, up-down counters and gauges as values, observable instruments
/// read at each collection, histograms as <c>_bucket{le}</c> / <c>_sum</c> / <c>_count</c>, one series per tag set.
/// </summary>
/// <remarks>
/// Serve it with <c>AddAutoScalingPrometheusExporter</c> (a small built-in listener) or from any HTTP endpoint: write
/// <see cref="WriteTo"/> into the response with the <see cref="ContentType"/> header. When built with an
/// <see cref="IMeterFactory"/> (as in a host), meters made by another factory (another host in the same process) are
/// left out. Families are ordered by name and series by labels, so two collections of the same state are identical.
/// </remarks>
public sealed class PrometheusMetricsCollector : IDisposable
{
    /// <summary>The content type of the text format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly object _lock = new();
    private readonly object _collectLock = new();
    private readonly HashSet<string> _meterNames;
    private readonly double[] _buckets;
    private readonly IMeterFactory? _meterFactory;
    private readonly SortedDictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly MeterListener _listener;
    private long _generation;

    /// <summary>Initializes a new instance of the <see cref="PrometheusMetricsCollector"/> class and starts listening.</summary>
    /// <param name="options">The options: which meters, which default histogram buckets.</param>
    /// <param name="meterFactory">The host's meter factory; when given, only its meters (and meters made without a factory) are collected.</param>
    public PrometheusMetricsCollector(IOptions<PrometheusExporterOptions> options, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _meterNames = o.MeterNames.Count == 0 ? [PrometheusExporterOptions.AutoScalingMeterName] : new HashSet<string>(o.MeterNames, StringComparer.Ordinal);
        _buckets = o.HistogramBuckets.Count == 0 ? [.. PrometheusExporterOptions.DefaultHistogramBuckets] : [.. o.HistogramBuckets];
        _meterFactory = meterFactory;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        _listener.SetMeasurementEventCallback<double>(static (i, v, t, s) => ((InstrumentState)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<float>(static (i, v, t, s) => ((InstrumentState)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<long>(static (i, v, t, s) => ((InstrumentState)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<int>(static (i, v, t, s) => ((InstrumentState)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<short>(static (i, v, t, s) => ((InstrumentState)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<byte>(static (i, v, t, s) => ((InstrumentState)s!).Record(v, t));
        _listener.SetMeasurementEventCallback<decimal>(static (i, v, t, s) => ((InstrumentState)s!).Record((double)v, t));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and writes every family in the text format 0.0.4.</summary>
    /// <param name="writer">Receives UTF-8 text (an <see cref="ArrayBufferWriter{T}"/>, or a <c>PipeWriter</c> such as an ASP.NET response's <c>BodyWriter</c>).</param>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_collectLock)
        {
            var generation = Interlocked.Increment(ref _generation);
            _listener.RecordObservableInstruments();
            Family[] families;
            lock (_lock)
            {
                families = [.. _families.Values];
            }

            foreach (var family in families)
            {
                family.Write(writer, generation);
            }
        }
    }

    /// <summary>Writes the text format 0.0.4 into a stream.</summary>
    /// <param name="stream">The stream, for example an HTTP response body.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        WriteTo(buffer);
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!_meterNames.Contains(meter.Name) || (_meterFactory is not null && meter.Scope is not null && !ReferenceEquals(meter.Scope, _meterFactory)))
        {
            return;
        }

        if (InstrumentKinds.Of(instrument) is not { } kind)
        {
            return;
        }

        var name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, kind.IsCounter());
        var state = new InstrumentState(instrument, kind, name, InstrumentKinds.AdvisedBuckets(instrument) ?? _buckets, () => Volatile.Read(ref _generation));
        lock (_lock)
        {
            if (!_families.TryGetValue(name, out var family))
            {
                family = new Family(name, kind.PrometheusType(), instrument.Description ?? instrument.Name);
                _families[name] = family;
            }
            else if (family.Type != kind.PrometheusType())
            {
                return; // two instruments claim one name with different types: the first one wins
            }

            family.Add(state);
        }

        listener.EnableMeasurementEvents(instrument, state);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        if (state is not InstrumentState s)
        {
            return;
        }

        lock (_lock)
        {
            if (_families.TryGetValue(s.FamilyName, out var family) && family.Remove(s))
            {
                _families.Remove(s.FamilyName);
            }
        }
    }

    private sealed class Family(string name, string type, string help)
    {
        private readonly List<InstrumentState> _instruments = [];
        private readonly string _header = $"# HELP {name} {PrometheusTextWriter.EscapeHelp(help)}\n# TYPE {name} {type}\n";

        public string Type => type;

        public void Add(InstrumentState state)
        {
            lock (_instruments)
            {
                _instruments.Add(state);
            }
        }

        /// <summary>Removes an instrument; returns whether the family is now empty.</summary>
        public bool Remove(InstrumentState state)
        {
            lock (_instruments)
            {
                _instruments.Remove(state);
                return _instruments.Count == 0;
            }
        }

        public void Write(IBufferWriter<byte> writer, long generation)
        {
            InstrumentState[] instruments;
            lock (_instruments)
            {
                instruments = [.. _instruments];
            }

            PrometheusTextWriter.Write(writer, _header);
            foreach (var i in instruments)
            {
                i.WriteSamples(writer, generation);
            }
        }
    }
}
