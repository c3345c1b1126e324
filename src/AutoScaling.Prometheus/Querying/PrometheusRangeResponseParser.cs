using System.Text.Json;

namespace AutoScaling.Prometheus;

/// <summary>Reads the answer of a range query (<c>/api/v1/query_range</c>, a matrix) into points, aggregating series per timestamp.</summary>
internal static class PrometheusRangeResponseParser
{
    /// <summary>Parses the answer of a range query.</summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="aggregation">How several series become one value per timestamp.</param>
    /// <returns>The result.</returns>
    public static PrometheusRangeResult Parse(ReadOnlySpan<byte> utf8Json, PrometheusAggregation aggregation)
    {
        try
        {
            return ParseCore(utf8Json, aggregation);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return PrometheusRangeResult.Failed("The answer is not a valid Prometheus answer: " + ex.Message);
        }
    }

    private static PrometheusRangeResult ParseCore(ReadOnlySpan<byte> utf8Json, PrometheusAggregation aggregation)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return PrometheusRangeResult.Failed("The answer is not a JSON object.");
        }

        string? status = null;
        string? errorType = null;
        string? error = null;
        List<List<MetricPoint>>? series = null;
        var unsupported = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("errorType"u8))
            {
                reader.Read();
                errorType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                series = ReadData(ref reader, ref unsupported);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (status == "error")
        {
            return PrometheusRangeResult.Failed($"Prometheus query failed ({errorType ?? "unknown"}): {error ?? "(no message)"}");
        }

        if (status != "success" || series is null)
        {
            return PrometheusRangeResult.Failed("The answer has no \"status\": \"success\" with a \"data.result\".");
        }

        if (unsupported)
        {
            return PrometheusRangeResult.Failed("The range query's result is not a matrix of numbers.");
        }

        if (series.Count == 0)
        {
            return PrometheusRangeResult.Missing("The range query returned no series.");
        }

        if (series.Count == 1)
        {
            return PrometheusRangeResult.Valid(series[0]);
        }

        if (aggregation == PrometheusAggregation.None)
        {
            return PrometheusRangeResult.Failed($"The range query returned {series.Count} series; aggregate them in PromQL (sum(...)) or set Aggregation to Sum, Max, Min or Average.");
        }

        return PrometheusRangeResult.Valid(Aggregate(series, aggregation));
    }

    private static List<List<MetricPoint>>? ReadData(ref Utf8JsonReader reader, ref bool unsupported)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        List<List<MetricPoint>>? series = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resultType"u8))
            {
                reader.Read();
                unsupported |= !reader.ValueTextEquals("matrix"u8);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                series = ReadMatrix(ref reader, ref unsupported);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return series;
    }

    private static List<List<MetricPoint>> ReadMatrix(ref Utf8JsonReader reader, ref bool unsupported)
    {
        var series = new List<List<MetricPoint>>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            unsupported = true;
            return series;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                unsupported = true;
                continue;
            }

            var points = new List<MetricPoint>();
            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("values"u8))
                {
                    reader.Read();
                    found = true;
                    ReadPoints(ref reader, points);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            unsupported |= !found;
            series.Add(points);
        }

        return series;
    }

    private static void ReadPoints(ref Utf8JsonReader reader, List<MetricPoint> points)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (PrometheusResponseParser.TryReadPair(ref reader, out var ts, out var value) && double.IsFinite(value))
            {
                points.Add(new MetricPoint(FromUnixSeconds(ts), value));
            }
        }
    }

    private static List<MetricPoint> Aggregate(List<List<MetricPoint>> series, PrometheusAggregation aggregation)
    {
        var byTime = new SortedDictionary<DateTimeOffset, (double Sum, double Max, double Min, int Count)>();
        foreach (var s in series)
        {
            foreach (var p in s)
            {
                byTime[p.Timestamp] = byTime.TryGetValue(p.Timestamp, out var a)
                    ? (a.Sum + p.Value, Math.Max(a.Max, p.Value), Math.Min(a.Min, p.Value), a.Count + 1)
                    : (p.Value, p.Value, p.Value, 1);
            }
        }

        var result = new List<MetricPoint>(byTime.Count);
        foreach (var (t, a) in byTime)
        {
            result.Add(new MetricPoint(t, aggregation switch
            {
                PrometheusAggregation.Max => a.Max,
                PrometheusAggregation.Min => a.Min,
                PrometheusAggregation.Average => a.Sum / a.Count,
                _ => a.Sum,
            }));
        }

        return result;
    }

    internal static DateTimeOffset FromUnixSeconds(double seconds)
        => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
}
