namespace AutoScaling.Prometheus;

/// <summary>The aggregated state of one tag set of one instrument.</summary>
internal sealed class MetricSeries
{
    public MetricSeries(KeyValuePair<string, object?>[] tags, string labels, int buckets)
    {
        Tags = tags;
        Labels = labels;
        BucketCounts = buckets > 0 ? new long[buckets + 1] : null;
    }

    /// <summary>Gets the tags as recorded (for matching).</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>Gets the rendered labels, sorted by name, without braces: <c>group="web",state="active"</c>.</summary>
    public string Labels { get; }

    /// <summary>Gets or sets the counter's total or the gauge's value.</summary>
    public double Value { get; set; }

    /// <summary>Gets the histogram's non-cumulative bucket counts (the last one is +Inf), or <see langword="null"/>.</summary>
    public long[]? BucketCounts { get; }

    /// <summary>Gets or sets the histogram's sum.</summary>
    public double Sum { get; set; }

    /// <summary>Gets or sets the histogram's count.</summary>
    public long Count { get; set; }

    /// <summary>Gets or sets the collection in which an observable instrument last reported this series.</summary>
    public long Generation { get; set; }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != Tags.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var found = false;
            foreach (var own in Tags)
            {
                if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal))
                {
                    found = Equals(own.Value, tag.Value);
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
