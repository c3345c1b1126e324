using System.Text;

namespace AutoScaling.Prometheus;

/// <summary>Turns instrument names, units and tag keys into Prometheus metric and label names.</summary>
/// <remarks>
/// Dots and other characters Prometheus does not allow become underscores; a UCUM unit becomes a suffix
/// (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, <c>{request}/s</c> → <c>_per_second</c>; annotations in
/// braces are dropped) and counters end in <c>_total</c>, as the OpenTelemetry Prometheus exporters do.
/// </remarks>
internal static class PrometheusNames
{
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        if (isCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }

        return name;
    }

    public static string LabelName(string key)
    {
        var name = Sanitize(key, allowColon: false);

        // Names starting with "__" are reserved for Prometheus' internal use.
        return name.StartsWith("__", StringComparison.Ordinal) ? "tag" + name : name;
    }

    internal static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return string.Empty;
        }

        var withoutAnnotations = RemoveAnnotations(unit).Trim();
        if (withoutAnnotations.Length == 0 || withoutAnnotations == "1")
        {
            return string.Empty;
        }

        var slash = withoutAnnotations.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var top = Unit(withoutAnnotations[..slash]);
            var bottom = PerUnit(withoutAnnotations[(slash + 1)..]);
            return top.Length == 0 ? "per_" + bottom : top + "_per_" + bottom;
        }

        return Unit(withoutAnnotations);
    }

    private static string Unit(string unit) => unit switch
    {
        "" or "1" => string.Empty,
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "bit" => "bits",
        "%" => "percent",
        "Hz" => "hertz",
        "Cel" => "celsius",
        _ => Sanitize(unit, allowColon: false).Trim('_'),
    };

    private static string PerUnit(string unit) => unit switch
    {
        "s" => "second",
        "min" => "minute",
        "h" => "hour",
        "d" => "day",
        "ms" => "millisecond",
        _ => Unit(unit),
    };

    private static string RemoveAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var sb = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var sb = new StringBuilder(name.Length + 1);
        if (char.IsAsciiDigit(name[0]))
        {
            sb.Append('_');
        }

        foreach (var c in name)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        return sb.ToString();
    }
}
