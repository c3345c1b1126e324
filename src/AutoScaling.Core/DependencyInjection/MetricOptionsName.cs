namespace AutoScaling;

/// <summary>
/// Names the options of one metric of one group, <c>{group}/{kind}:{metric}</c>, so the named options of several
/// metrics of one source kind never collide, and a validator can name the group and the metric in its messages.
/// </summary>
public static class MetricOptionsName
{
    /// <summary>Creates the name.</summary>
    /// <param name="group">The group's name.</param>
    /// <param name="kind">The source's kind, as <c>haproxy-stats</c>.</param>
    /// <param name="metric">The metric's name in the group.</param>
    /// <returns>The options name.</returns>
    public static string Create(string group, string kind, string metric) => group + "/" + kind + ":" + metric;

    /// <summary>Reads the group and the metric back from a name made by <see cref="Create"/>.</summary>
    /// <param name="name">The options name.</param>
    /// <param name="kind">The source's kind.</param>
    /// <returns>The group and the metric; the name itself and an empty metric when it was not made for <paramref name="kind"/>.</returns>
    public static (string Group, string Metric) Parse(string? name, string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var separator = "/" + kind + ":";
        var at = name?.IndexOf(separator, StringComparison.Ordinal) ?? -1;
        return at < 0 ? (name ?? string.Empty, string.Empty) : (name![..at], name[(at + separator.Length)..]);
    }
}
