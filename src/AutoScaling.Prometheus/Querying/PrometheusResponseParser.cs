using System.Globalization;
using System.Text.Json;

namespace AutoScaling.Prometheus;

/// <summary>
/// Reads Prometheus HTTP API answers (<c>/api/v1/query</c>) with a <see cref="Utf8JsonReader"/>, without a DOM.
/// A successful answer is parsed without allocating; strings are read only from error answers.
/// </summary>
/// <remarks>
/// Fields may come in any order. The result's shape is read from <c>resultType</c> when present and from the
/// result itself otherwise: a pair <c>[ts, "v"]</c> is a scalar, objects with <c>value</c> are vector items.
/// </remarks>
internal static class PrometheusResponseParser
{
    private const int MaxDepth = 64;

    /// <summary>Parses the answer of an instant query.</summary>
    /// <param name="utf8Json">The response body.</param>
    /// <param name="aggregation">How several series become one value.</param>
    /// <returns>The result.</returns>
    public static PrometheusInstantResult ParseInstant(ReadOnlySpan<byte> utf8Json, PrometheusAggregation aggregation)
    {
        try
        {
            return ParseInstantCore(utf8Json, aggregation);
        }
        catch (JsonException ex)
        {
            return PrometheusInstantResult.Failed(PrometheusResultKind.Invalid, null, "The answer is not valid JSON: " + ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return PrometheusInstantResult.Failed(PrometheusResultKind.Invalid, null, "The answer is not shaped as a Prometheus answer: " + ex.Message);
        }
    }

    private static PrometheusInstantResult ParseInstantCore(ReadOnlySpan<byte> utf8Json, PrometheusAggregation aggregation)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return PrometheusInstantResult.Failed(PrometheusResultKind.Invalid, null, "The answer is not a JSON object.");
        }

        var status = ResponseStatus.Unknown;
        string? errorType = null;
        string? error = null;
        var acc = default(Accumulator);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                status = ReadStatus(ref reader);
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
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadData(ref reader, ref acc);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return status switch
        {
            ResponseStatus.Error => PrometheusInstantResult.Failed(PrometheusResultKind.Error, errorType ?? "unknown", error ?? "(no message)"),
            ResponseStatus.Success => acc.ToResult(aggregation),
            _ => PrometheusInstantResult.Failed(PrometheusResultKind.Invalid, null, "The answer has no \"status\": \"success\" or \"error\"."),
        };
    }

    private static void ReadData(ref Utf8JsonReader reader, ref Accumulator acc)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resultType"u8))
            {
                reader.Read();
                acc.Type = reader.ValueTextEquals("vector"u8) ? ResultType.Vector
                    : reader.ValueTextEquals("scalar"u8) ? ResultType.Scalar
                    : reader.ValueTextEquals("matrix"u8) ? ResultType.Matrix
                    : reader.ValueTextEquals("string"u8) ? ResultType.String
                    : ResultType.Other;
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                ReadResult(ref reader, ref acc);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ReadResult(ref Utf8JsonReader reader, ref Accumulator acc)
    {
        acc.HasResult = true;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            acc.Unsupported = true;
            return;
        }

        reader.Read();
        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return;
        }

        if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
        {
            // A scalar or string result: [ts, "v"].
            var ts = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : 0;
            reader.Read();
            if (acc.Type == ResultType.String || !TryReadValue(ref reader, out var value))
            {
                acc.Unsupported = true;
            }
            else
            {
                acc.Add(ts, value);
            }

            SkipToEndOfArray(ref reader);
            return;
        }

        // Vector (or matrix) items.
        for (; reader.TokenType != JsonTokenType.EndArray; reader.Read())
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                acc.Unsupported = true;
                continue;
            }

            ReadSeries(ref reader, ref acc);
        }
    }

    private static void ReadSeries(ref Utf8JsonReader reader, ref Accumulator acc)
    {
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                if (TryReadPair(ref reader, out var ts, out var value))
                {
                    acc.Add(ts, value);
                    found = true;
                }
            }
            else
            {
                // "metric" is not needed; "values" (a range vector) and "histogram" (native histograms) are not usable.
                reader.Read();
                reader.Skip();
            }
        }

        if (!found)
        {
            acc.Unsupported = true;
        }
    }

    /// <summary>Reads <c>[ts, "v"]</c>; the reader is on its start and ends on its end.</summary>
    internal static bool TryReadPair(ref Utf8JsonReader reader, out double timestamp, out double value)
    {
        timestamp = 0;
        value = double.NaN;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            SkipToEndOfArray(ref reader);
            return false;
        }

        timestamp = reader.GetDouble();
        reader.Read();
        var ok = TryReadValue(ref reader, out value);
        SkipToEndOfArray(ref reader);
        return ok;
    }

    /// <summary>Reads a sample value: a string such as <c>"1.5"</c>, <c>"NaN"</c>, <c>"+Inf"</c>, <c>"-Inf"</c>.</summary>
    internal static bool TryReadValue(ref Utf8JsonReader reader, out double value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out value);
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            value = double.NaN;
            return false;
        }

        var span = reader.ValueSpan;
        if (span.SequenceEqual("NaN"u8))
        {
            value = double.NaN;
            return true;
        }

        if (span.SequenceEqual("+Inf"u8) || span.SequenceEqual("Inf"u8))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (span.SequenceEqual("-Inf"u8))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static void SkipToEndOfArray(ref Utf8JsonReader reader)
    {
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            reader.Read();
        }
    }

    private static ResponseStatus ReadStatus(ref Utf8JsonReader reader)
        => reader.TokenType != JsonTokenType.String ? ResponseStatus.Unknown
            : reader.ValueTextEquals("success"u8) ? ResponseStatus.Success
            : reader.ValueTextEquals("error"u8) ? ResponseStatus.Error
            : ResponseStatus.Unknown;

    private enum ResponseStatus : byte
    {
        Unknown,
        Success,
        Error,
    }

    private enum ResultType : byte
    {
        Unknown,
        Vector,
        Scalar,
        Matrix,
        String,
        Other,
    }

    private struct Accumulator
    {
        public ResultType Type;
        public bool HasResult;
        public bool Unsupported;
        private int _count;
        private bool _notFinite;
        private double _sum;
        private double _max;
        private double _min;
        private double _timestamp;

        public void Add(double timestamp, double value)
        {
            if (!double.IsFinite(value))
            {
                _notFinite = true;
            }

            _sum = _count == 0 ? value : _sum + value;
            _max = _count == 0 ? value : Math.Max(_max, value);
            _min = _count == 0 ? value : Math.Min(_min, value);
            _timestamp = Math.Max(_timestamp, timestamp);
            _count++;
        }

        public readonly PrometheusInstantResult ToResult(PrometheusAggregation aggregation)
        {
            if (!HasResult)
            {
                return PrometheusInstantResult.Failed(PrometheusResultKind.Invalid, null, "The answer has no \"data.result\".");
            }

            if (Type is ResultType.Matrix or ResultType.String or ResultType.Other || Unsupported)
            {
                return PrometheusInstantResult.Failed(
                    PrometheusResultKind.Unsupported,
                    null,
                    "The query's result is not a number: use an expression that returns a scalar or an instant vector (not a string, a range vector or a native histogram).",
                    _count);
            }

            if (_count == 0)
            {
                return PrometheusInstantResult.Of(PrometheusResultKind.Empty, double.NaN, 0, 0);
            }

            if (_count > 1 && aggregation == PrometheusAggregation.None)
            {
                return PrometheusInstantResult.Failed(
                    PrometheusResultKind.SeveralSeries,
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"The query returned {_count} series; aggregate them in PromQL (sum(...)) or set Aggregation to Sum, Max, Min or Average."),
                    _count);
            }

            if (_notFinite)
            {
                return PrometheusInstantResult.Of(PrometheusResultKind.NotFinite, double.NaN, _timestamp, _count);
            }

            var value = aggregation switch
            {
                PrometheusAggregation.Max => _max,
                PrometheusAggregation.Min => _min,
                PrometheusAggregation.Average => _sum / _count,
                _ => _sum,
            };
            return PrometheusInstantResult.Of(double.IsFinite(value) ? PrometheusResultKind.Value : PrometheusResultKind.NotFinite, value, _timestamp, _count);
        }
    }
}
