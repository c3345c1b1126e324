namespace AutoScaling;

/// <summary>A forecasting policy's latest forecast and its accuracy so far, as reported in <see cref="ScalingGroupStatus.Forecasts"/>.</summary>
public sealed record ForecastStatus
{
    /// <summary>Gets the forecast metric's name.</summary>
    public required string Metric { get; init; }

    /// <summary>Gets a value indicating whether the policy only reports (<c>ForecastOnly</c>) rather than acting.</summary>
    public bool ForecastOnly { get; init; }

    /// <summary>Gets a value indicating whether the model has seen a season of history; before that it abstains.</summary>
    public bool Ready { get; init; }

    /// <summary>Gets the time the forecast is for: the evaluation time plus start-up time and buffer.</summary>
    public DateTimeOffset? ForecastFor { get; init; }

    /// <summary>Gets the forecast value (events applied).</summary>
    public double? Value { get; init; }

    /// <summary>Gets the band's lower edge.</summary>
    public double? Lower { get; init; }

    /// <summary>Gets the band's upper edge, which the policy provisions for.</summary>
    public double? Upper { get; init; }

    /// <summary>Gets the instance count the forecast calls for.</summary>
    public int? Instances { get; init; }

    /// <summary>Gets the mean absolute percentage error, in percent, of the forecasts at the horizon scored over the policy's <c>AccuracyWindow</c> (default the last day).</summary>
    public double? MapePercent { get; init; }

    /// <summary>Gets the share, in percent, of the values in the same window that fell inside the band.</summary>
    public double? CoveragePercent { get; init; }

    /// <summary>Gets how many forecasts the window's MAPE is over.</summary>
    public long Scored { get; init; }
}
