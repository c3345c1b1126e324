using System.Buffers;
using System.Globalization;
using System.Text;

namespace AutoScaling.Prometheus;

/// <summary>Writes the pieces of the Prometheus text format 0.0.4 as UTF-8.</summary>
internal static class PrometheusTextWriter
{
    public static void Write(IBufferWriter<byte> writer, string text) => Encoding.UTF8.GetBytes(text.AsSpan(), writer);

    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> utf8) => writer.Write(utf8);

    /// <summary>Writes a sample value: Go float syntax, with <c>NaN</c>, <c>+Inf</c> and <c>-Inf</c>.</summary>
    public static void WriteValue(IBufferWriter<byte> writer, double value)
    {
        if (double.IsNaN(value))
        {
            writer.Write("NaN"u8);
        }
        else if (double.IsPositiveInfinity(value))
        {
            writer.Write("+Inf"u8);
        }
        else if (double.IsNegativeInfinity(value))
        {
            writer.Write("-Inf"u8);
        }
        else
        {
            var span = writer.GetSpan(32);
            if (!value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A double did not fit in 32 bytes.");
            }

            writer.Advance(written);
        }
    }

    /// <summary>Formats a value for the <c>le</c> label of a bucket.</summary>
    public static string FormatBound(double bound)
        => double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Escapes a <c># HELP</c> text: backslash and line feed.</summary>
    public static string EscapeHelp(string text)
        => text.Contains('\\', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal)
            ? text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal)
            : text;

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string text)
        => text.Contains('\\', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal)
            ? text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal)
            : text;

    /// <summary>Formats a tag value as label text.</summary>
    public static string FormatTagValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
