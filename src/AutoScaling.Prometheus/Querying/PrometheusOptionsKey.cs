namespace AutoScaling.Prometheus;

/// <summary>Names the options of one Prometheus metric of one group: <c>{group}/prometheus:{metric}</c>.</summary>
internal static class PrometheusOptionsKey
{
    private const string Separator = "/prometheus:";

    public static string Create(string group, string metric) => group + Separator + metric;

    public static (string Group, string Metric) Parse(string? key)
    {
        if (key is null)
        {
            return (string.Empty, string.Empty);
        }

        var at = key.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? (key, string.Empty) : (key[..at], key[(at + Separator.Length)..]);
    }
}
