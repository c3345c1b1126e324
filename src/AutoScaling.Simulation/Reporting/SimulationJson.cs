using System.Text.Encodings.Web;
using System.Text.Json;

namespace AutoScaling.Simulation;

/// <summary>Writes runs as JSON: per run its name, scores and, when recorded, its series as parallel arrays. No reflection, so it works trimmed and AOT.</summary>
public static class SimulationJson
{
    /// <summary>Writes <c>{"runs":[{"name":…,"scores":{…},"series":{"seconds":[…],…}}]}</c>.</summary>
    /// <param name="stream">Where to write (UTF-8).</param>
    /// <param name="runs">The runs.</param>
    public static void Write(Stream stream, IEnumerable<SimulationRun> runs)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(runs);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartArray("runs");
        foreach (var run in runs)
        {
            json.WriteStartObject();
            json.WriteString("name", run.Name);
            WriteScores(json, run.Scores);
            if (run.Series is { } series)
            {
                WriteSeries(json, series);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteScores(Utf8JsonWriter json, SimulationScores s)
    {
        json.WriteStartObject("scores");
        foreach (var (_, name, value) in ScoreColumns.All)
        {
            json.WriteNumber(name, value(s));
        }

        json.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter json, SimulationSeries series)
    {
        var points = series.Points;
        json.WriteStartObject("series");
        WriteNumbers(json, "seconds", points, static p => p.Seconds);
        WriteNumbers(json, "load", points, static p => p.Load);
        WriteNumbers(json, "observedLoad", points, static p => p.ObservedLoad);
        WriteNumbers(json, "demand", points, static p => p.Demand);
        WriteNumbers(json, "active", points, static p => p.Active);
        WriteNumbers(json, "paid", points, static p => p.Paid);
        WriteNumbers(json, "desired", points, static p => p.Desired);
        json.WriteStartArray("reason");
        foreach (ref readonly var p in points)
        {
            json.WriteStringValue(p.Reason.ToString());
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, ReadOnlySpan<SimulationPoint> points, Func<SimulationPoint, double> field)
    {
        json.WriteStartArray(name);
        foreach (var p in points)
        {
            json.WriteNumberValue(field(p));
        }

        json.WriteEndArray();
    }
}
