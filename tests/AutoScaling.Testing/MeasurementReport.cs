using System.Globalization;
using System.Text;

namespace AutoScaling.Testing;

/// <summary>Collects timings and writes them as a small markdown report (under AUTOSCALING_RUN_DIR, else the temp folder).</summary>
/// <param name="title">The report's heading.</param>
public sealed class MeasurementReport(string title)
{
    private readonly StringBuilder _text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();

    /// <summary>Gets the folder reports are written to.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();

    /// <summary>The nearest-rank percentile of <paramref name="values"/>.</summary>
    /// <param name="values">The values (at least one).</param>
    /// <param name="p">The percentile, 0 to 100.</param>
    /// <returns>The value at that rank.</returns>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1; // nearest-rank
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>Appends a line.</summary>
    /// <param name="line">The text.</param>
    /// <returns>This report.</returns>
    public MeasurementReport Line(string line)
    {
        _text.AppendLine(line);
        return this;
    }

    /// <summary>Appends a series of durations in milliseconds as count, p50, p95, min and max.</summary>
    /// <param name="name">What was measured.</param>
    /// <param name="ms">The durations in milliseconds (at least one).</param>
    /// <returns>This report.</returns>
    public MeasurementReport Series(string name, IReadOnlyList<double> ms)
    {
        ArgumentNullException.ThrowIfNull(ms);
        return Line(string.Create(
            CultureInfo.InvariantCulture,
            $"- {name}: n={ms.Count}, p50={Percentile(ms, 50):F1} ms, p95={Percentile(ms, 95):F1} ms, min={ms.Min():F1} ms, max={ms.Max():F1} ms"));
    }

    /// <summary>Writes the report to <paramref name="file"/> in <see cref="Directory"/>.</summary>
    /// <param name="file">The file name.</param>
    /// <returns>The full path written.</returns>
    public string Write(string file)
    {
        var path = Path.Combine(Directory, file);
        File.WriteAllText(path, _text.ToString());
        return path;
    }

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();
}
