namespace AutoScaling.Policies;

/// <summary>Options of the <see cref="PredictivePolicy"/>: forecast a metric's load and provision for it ahead of time.</summary>
/// <remarks>The metric is the group's total (such as requests per second summed over instances), as in target tracking's <c>TargetPerInstance</c> mode.</remarks>
public sealed class PredictivePolicyOptions
{
    /// <summary>Gets or sets the name of the group metric to forecast. Required.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the load one instance should carry (for example 70 requests/s). Finite, greater than 0.</summary>
    public double TargetPerInstance { get; set; }

    /// <summary>Gets or sets whether the policy acts on its forecast or only reports it. Default <see cref="PredictiveMode.ForecastAndScale"/>.</summary>
    public PredictiveMode Mode { get; set; } = PredictiveMode.ForecastAndScale;

    /// <summary>Gets or sets how long a new instance takes to serve. With <see cref="Buffer"/>, the forecast's horizon. Default 1 minute.</summary>
    public TimeSpan StartupTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how much earlier than the start-up time capacity should be there. Not negative; default 1 minute.</summary>
    public TimeSpan Buffer { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the share of values the forecast band should hold; the policy provisions for its upper edge. Within 0.5 and 0.999; default 0.9.</summary>
    public double Confidence { get; set; } = 0.9;

    /// <summary>Gets or sets the width of the history's buckets (the metric's mean per bucket). From 1 minute to 1 hour, dividing a day; default 5 minutes.</summary>
    public TimeSpan Bucket { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets a value indicating whether the model learns a weekly season on top of the daily one (Taylor's double-seasonal form). Default <see langword="false"/>: on the shared traces it changed the MAPE by at most 0.3 points (docs/predictive.md).</summary>
    public bool WeeklySeason { get; set; }

    /// <summary>Gets or sets the level's smoothing factor α. Within (0, 1); default 0.3.</summary>
    public double LevelSmoothing { get; set; } = 0.3;

    /// <summary>Gets or sets the trend's smoothing factor β. Within [0, 1); default 0.01.</summary>
    public double TrendSmoothing { get; set; } = 0.01;

    /// <summary>Gets or sets the daily season's smoothing factor γ. Within [0, 1); default 0.2.</summary>
    public double DailySmoothing { get; set; } = 0.2;

    /// <summary>Gets or sets the weekly season's smoothing factor δ. Within [0, 1); default 0.2.</summary>
    public double WeeklySmoothing { get; set; } = 0.2;

    /// <summary>Gets or sets the trend's damping φ per bucket. Within [0, 1]; default 0.98.</summary>
    public double TrendDamping { get; set; } = 0.98;

    /// <summary>Gets or sets how many one-step deviations an error may reach before it is clipped (flash crowds). Finite, at least 1; default 4.</summary>
    public double OutlierDeviations { get; set; } = 4;

    /// <summary>Gets or sets how far back the reported accuracy (MAPE, band coverage) reaches: the forecasts scored over this span up to the newest. From <see cref="Bucket"/> to 366 days; default 1 day.</summary>
    public TimeSpan AccuracyWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets the known events that raise (or lower) the forecast in their window.</summary>
    public IList<PredictiveEvent> Events { get; } = new List<PredictiveEvent>();
}
