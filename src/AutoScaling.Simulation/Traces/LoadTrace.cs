using System.Globalization;

namespace AutoScaling.Simulation;

/// <summary>
/// A recorded request rate: buckets that start at increasing times, each holding the mean requests per second until the
/// next one starts (the last lasts as long as the one before it). Immutable.
/// </summary>
/// <remarks>
/// The CSV form is the one of the shared traces: a header <c>timestamp_seconds,requests_per_second</c>, then one bucket
/// per line. The cumulative request count is precomputed, so the average over any window (what a Prometheus
/// <c>rate()</c> reads) costs two look-ups.
/// </remarks>
public sealed class LoadTrace
{
    private readonly double[] _seconds;
    private readonly double[] _rates;
    private readonly double[] _cumulative;

    private LoadTrace(string name, double[] seconds, double[] rates)
    {
        Name = name;
        _seconds = seconds;
        _rates = rates;
        var n = seconds.Length;
        End = seconds[n - 1] + (seconds[n - 1] - seconds[n - 2]);
        _cumulative = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            var next = i + 1 < n ? seconds[i + 1] : End;
            _cumulative[i + 1] = _cumulative[i] + (rates[i] * (next - seconds[i]));
        }
    }

    /// <summary>Gets the trace's name (its file name, or the name it was given).</summary>
    public string Name { get; }

    /// <summary>Gets the number of buckets.</summary>
    public int Count => _seconds.Length;

    /// <summary>Gets when the first bucket starts, in seconds.</summary>
    public double Start => _seconds[0];

    /// <summary>Gets when the last bucket ends, in seconds.</summary>
    public double End { get; }

    /// <summary>Gets the time the trace covers.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(End - Start);

    /// <summary>Gets the total number of requests in the trace.</summary>
    public double TotalRequests => _cumulative[^1];

    internal ReadOnlySpan<double> Seconds => _seconds;

    internal ReadOnlySpan<double> Rates => _rates;

    internal ReadOnlySpan<double> Cumulative => _cumulative;

    /// <summary>Gets when bucket <paramref name="index"/> starts, in seconds.</summary>
    /// <param name="index">The bucket.</param>
    /// <returns>The time.</returns>
    public double TimeAt(int index) => _seconds[index];

    /// <summary>Gets the requests per second of bucket <paramref name="index"/>.</summary>
    /// <param name="index">The bucket.</param>
    /// <returns>The rate.</returns>
    public double RateAt(int index) => _rates[index];

    /// <summary>Builds a trace from bucket start times and rates.</summary>
    /// <param name="name">The trace's name.</param>
    /// <param name="seconds">Bucket start times, strictly increasing; at least two.</param>
    /// <param name="rates">Requests per second of each bucket: finite, at least 0.</param>
    /// <returns>The trace.</returns>
    /// <exception cref="TraceFormatException">The series is not a valid trace (the line is the 1-based bucket).</exception>
    public static LoadTrace FromSeries(string name, ReadOnlySpan<double> seconds, ReadOnlySpan<double> rates)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (seconds.Length != rates.Length)
        {
            throw new ArgumentException($"Got {seconds.Length} times and {rates.Length} rates; they must pair up.", nameof(rates));
        }

        for (var i = 0; i < seconds.Length; i++)
        {
            Check(name, i + 1, seconds[i], rates[i], i == 0 ? double.NaN : seconds[i - 1]);
        }

        RequireTwo(name, seconds.Length);
        return new LoadTrace(name, seconds.ToArray(), rates.ToArray());
    }

    /// <summary>Reads a CSV trace file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The trace, named after the file.</returns>
    /// <exception cref="TraceFormatException">The file is not a valid trace; the message names the line and the column.</exception>
    public static LoadTrace Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileName(path));
    }

    /// <summary>Reads a CSV trace: an optional header line, then <c>seconds,requests_per_second</c> per line; blank lines are skipped.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="name">The trace's name, used in messages.</param>
    /// <returns>The trace.</returns>
    /// <exception cref="TraceFormatException">The text is not a valid trace; the message names the line and the column.</exception>
    public static LoadTrace Parse(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var seconds = new List<double>();
        var rates = new List<double>();
        var lineNumber = 0;
        var sawContent = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty)
            {
                continue;
            }

            var comma = text.IndexOf(',');
            if (comma < 0)
            {
                throw new TraceFormatException(name, lineNumber, 0, $"expected two fields 'seconds,requests_per_second', got '{Shorten(text)}'.");
            }

            var first = text[..comma].Trim();
            var second = text[(comma + 1)..].Trim();
            if (second.Contains(','))
            {
                throw new TraceFormatException(name, lineNumber, 3, $"expected two fields 'seconds,requests_per_second', got more: '{Shorten(text)}'.");
            }

            if (!sawContent)
            {
                sawContent = true;
                if (!IsNumber(first))
                {
                    continue; // the header
                }
            }

            var t = ParseField(name, lineNumber, 1, "seconds", first);
            var r = ParseField(name, lineNumber, 2, "requests_per_second", second);
            Check(name, lineNumber, t, r, seconds.Count == 0 ? double.NaN : seconds[^1]);
            seconds.Add(t);
            rates.Add(r);
        }

        RequireTwo(name, seconds.Count);
        return new LoadTrace(name, [.. seconds], [.. rates]);
    }

    private static bool IsNumber(ReadOnlySpan<char> field)
        => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double ParseField(string name, int line, int column, string field, ReadOnlySpan<char> text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new TraceFormatException(name, line, column, $"{field} '{Shorten(text)}' is not a number.");
        }

        return value;
    }

    private static void Check(string name, int line, double seconds, double rate, double previous)
    {
        if (!double.IsFinite(seconds))
        {
            throw new TraceFormatException(name, line, 1, $"seconds '{seconds.ToString(CultureInfo.InvariantCulture)}' is not a finite number.");
        }

        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new TraceFormatException(name, line, 2, $"requests_per_second '{rate.ToString(CultureInfo.InvariantCulture)}' must be a finite number, at least 0.");
        }

        if (!double.IsNaN(previous) && !(seconds > previous))
        {
            throw new TraceFormatException(name, line, 1, $"seconds '{seconds.ToString(CultureInfo.InvariantCulture)}' must be greater than the previous bucket's ({previous.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    private static void RequireTwo(string name, int rows)
    {
        if (rows == 0)
        {
            throw new TraceFormatException(name, 0, 0, "the trace is empty: expected lines 'seconds,requests_per_second'.");
        }

        if (rows == 1)
        {
            throw new TraceFormatException(name, 0, 0, "the trace has one bucket; at least two are needed to know how long a bucket lasts.");
        }
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");
}
