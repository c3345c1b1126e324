using System.Globalization;
using System.Text;

namespace AutoScaling.Prometheus;

/// <summary>
/// A PromQL query with <c>{group}</c>, <c>{metric}</c> and <c>{instances}</c> placeholders, compiled once. Expands to
/// the URL-encoded form body of a query request and keeps the last body, so a read whose inputs did not change
/// allocates no new body.
/// </summary>
internal sealed class PrometheusQueryTemplate
{
    private const string GroupToken = "{group}";
    private const string MetricToken = "{metric}";
    private const string InstancesToken = "{instances}";

    private readonly string _query;
    private readonly bool _usesGroup;
    private readonly bool _usesMetric;
    private readonly bool _usesInstances;
    private readonly string _bodySuffix;
    private Expansion? _last;

    public PrometheusQueryTemplate(string query, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        _query = query;
        _usesGroup = query.Contains(GroupToken, StringComparison.Ordinal);
        _usesMetric = query.Contains(MetricToken, StringComparison.Ordinal);
        _usesInstances = query.Contains(InstancesToken, StringComparison.Ordinal);

        // Prometheus stops evaluating after its own timeout too: pass ours on.
        _bodySuffix = "&timeout=" + Uri.EscapeDataString(FormatDuration(timeout));
    }

    /// <summary>Gets a value indicating whether the query has placeholders.</summary>
    public bool IsConstant => !(_usesGroup || _usesMetric || _usesInstances);

    /// <summary>Expands the placeholders.</summary>
    /// <param name="context">The read's context.</param>
    /// <returns>The PromQL expression.</returns>
    public string Expand(in MetricReadContext context)
    {
        if (IsConstant)
        {
            return _query;
        }

        var sb = new StringBuilder(_query);
        if (_usesGroup)
        {
            sb.Replace(GroupToken, EscapeStringLiteral(context.GroupName));
        }

        if (_usesMetric)
        {
            sb.Replace(MetricToken, EscapeStringLiteral(context.MetricName));
        }

        if (_usesInstances)
        {
            sb.Replace(InstancesToken, context.CurrentInstances.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Gets the form body (<c>query=…&amp;timeout=…</c>) of an instant query for the context.</summary>
    /// <param name="context">The read's context.</param>
    /// <returns>The UTF-8 body; the same array while the expanded query does not change. Never written to.</returns>
    public byte[] InstantBody(in MetricReadContext context)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && (IsConstant || last.Matches(context, _usesGroup, _usesMetric, _usesInstances)))
        {
            return last.Body;
        }

        var body = Encoding.UTF8.GetBytes("query=" + Uri.EscapeDataString(Expand(context)) + _bodySuffix);
        Volatile.Write(ref _last, new Expansion(context.GroupName, context.MetricName, context.CurrentInstances, body));
        return body;
    }

    /// <summary>Gets the form body of a range query.</summary>
    /// <param name="context">The read's context.</param>
    /// <param name="start">The first evaluation time.</param>
    /// <param name="end">The last evaluation time.</param>
    /// <param name="step">The resolution.</param>
    /// <returns>The UTF-8 body.</returns>
    public byte[] RangeBody(in MetricReadContext context, DateTimeOffset start, DateTimeOffset end, TimeSpan step)
        => Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"query={Uri.EscapeDataString(Expand(context))}&start={UnixSeconds(start)}&end={UnixSeconds(end)}&step={step.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)}{_bodySuffix}"));

    /// <summary>Escapes text for a double-quoted PromQL string literal (the Go escapes: backslash, quote, control characters).</summary>
    /// <param name="value">The text.</param>
    /// <returns>The escaped text, without the quotes.</returns>
    public static string EscapeStringLiteral(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (c is '\\' or '"' or '\'' || char.IsControl(c))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static string UnixSeconds(DateTimeOffset t)
        => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("R", CultureInfo.InvariantCulture);

    private static string FormatDuration(TimeSpan t)
        => ((long)Math.Ceiling(t.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";

    private sealed class Expansion(string group, string metric, int instances, byte[] body)
    {
        public byte[] Body { get; } = body;

        public bool Matches(in MetricReadContext c, bool group1, bool metric1, bool instances1)
            => (!group1 || string.Equals(c.GroupName, group, StringComparison.Ordinal))
            && (!metric1 || string.Equals(c.MetricName, metric, StringComparison.Ordinal))
            && (!instances1 || c.CurrentInstances == instances);
    }
}
