using System.Globalization;
using System.Text;

namespace AutoScaling.Docker.Tests.Measurements;

/// <summary>Collects timings and writes them as a small markdown report (under AUTOSCALING_RUN_DIR, else the temp folder).</summary>
internal sealed class MeasurementReport(string title)
{
    private readonly StringBuilder _text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();

    public static string Directory => Environment.GetEnvironmentVariable("AUTOSCALING_RUN_DIR") is { Length: > 0 } dir ? dir : Path.GetTempPath();

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1; // nearest-rank
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public MeasurementReport Line(string line)
    {
        _text.AppendLine(line);
        return this;
    }

    public MeasurementReport Series(string name, IReadOnlyList<double> ms)
        => Line(string.Create(
            CultureInfo.InvariantCulture,
            $"- {name}: n={ms.Count}, p50={Percentile(ms, 50):F1} ms, p95={Percentile(ms, 95):F1} ms, min={ms.Min():F1} ms, max={ms.Max():F1} ms"));

    public string Write(string file)
    {
        var path = Path.Combine(Directory, file);
        File.WriteAllText(path, _text.ToString());
        return path;
    }

    public override string ToString() => _text.ToString();
}
