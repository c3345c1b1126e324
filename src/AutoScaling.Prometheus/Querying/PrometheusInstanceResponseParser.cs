using System.Globalization;
using System.Text.Json;

namespace AutoScaling.Prometheus;

/// <summary>Reads an instant vector with one series per instance into per-instance samples, matched by a label holding the address.</summary>
/// <remarks>On the gathering side, not the decision path: it may allocate.</remarks>
internal static class PrometheusInstanceResponseParser
{
    /// <summary>Fills <paramref name="samples"/> (parallel to <paramref name="instances"/>); returns why the whole answer is unusable, or <see langword="null"/>.</summary>
    public static string? Parse(ReadOnlyMemory<byte> body, string label, IReadOnlyList<ScalingInstance> instances, Span<MetricSample> samples, DateTimeOffset now)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return "The answer is not Prometheus JSON.";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
            {
                return "The answer is not Prometheus JSON.";
            }

            if (status.ValueEquals("error"))
            {
                return $"Prometheus query failed ({Text(root, "errorType")}): {Text(root, "error")}";
            }

            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var type) || !data.TryGetProperty("result", out var result))
            {
                return "The answer has no data.";
            }

            if (!type.ValueEquals("vector") || result.ValueKind != JsonValueKind.Array)
            {
                return $"The InstanceQuery returned a {type.GetString()}; it must return an instant vector with one series per instance.";
            }

            samples[..instances.Count].Fill(MetricSample.Missing(now, $"The InstanceQuery returned no series with this instance's address in '{label}'."));
            var seen = new bool[instances.Count];
            foreach (var series in result.EnumerateArray())
            {
                if (!series.TryGetProperty("metric", out var metric) || !metric.TryGetProperty(label, out var address) || address.GetString() is not { } value)
                {
                    continue;
                }

                var index = IndexOf(instances, value);
                if (index < 0)
                {
                    continue;
                }

                samples[index] = seen[index]
                    ? MetricSample.Failed(now, $"The InstanceQuery returned several series for '{value}'; aggregate it by ({label}).")
                    : Sample(series, now);
                seen[index] = true;
            }

            return null;
        }
    }

    private static MetricSample Sample(JsonElement series, DateTimeOffset now)
    {
        if (!series.TryGetProperty("value", out var pair) || pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
            || pair[1].ValueKind != JsonValueKind.String)
        {
            return MetricSample.Failed(now, "A series of the InstanceQuery has no readable value.");
        }

        var text = pair[1].GetString()!;
        if (text is "+Inf" or "-Inf" or "NaN")
        {
            return MetricSample.Missing(now, "The InstanceQuery returned NaN or an infinity for this instance.");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return MetricSample.Failed(now, "A series of the InstanceQuery has no readable value.");
        }

        var at = pair[0].ValueKind == JsonValueKind.Number ? PrometheusRangeResponseParser.FromUnixSeconds(pair[0].GetDouble()) : now;
        return MetricSample.Valid(value, at);
    }

    private static int IndexOf(IReadOnlyList<ScalingInstance> instances, string address)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            if (string.Equals(instances[i].Address, address, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "unknown";
}
