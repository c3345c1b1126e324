namespace AutoScaling.Policies;

/// <summary>Options of the <see cref="NomadThresholdPolicy"/>: bands on one metric, each with a trigger and an action, as the Nomad Autoscaler's <c>threshold</c> strategy.</summary>
public sealed class NomadThresholdPolicyOptions
{
    /// <summary>Gets or sets the name of the group metric. Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets how many recent evaluations the bands look at (Nomad's points of the <c>query_window</c>): with the
    /// default interval of 15 s, 10 points are the last 150 s. At least 1 and at most 60; default 10.
    /// </summary>
    public int Window { get; set; } = NomadThresholdPolicy.DefaultWindow;

    /// <summary>Gets the bands; at least one. Several make a ladder.</summary>
    public IList<NomadThresholdBand> Bands { get; } = new List<NomadThresholdBand>();
}
