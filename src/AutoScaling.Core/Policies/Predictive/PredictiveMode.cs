namespace AutoScaling.Policies;

/// <summary>What a <see cref="PredictivePolicy"/> does with its forecast.</summary>
public enum PredictiveMode
{
    /// <summary>Forecast and recommend the capacity for the forecast's upper band.</summary>
    ForecastAndScale = 0,

    /// <summary>Forecast and report (status, metrics) without acting: the policy's vote never raises the count.</summary>
    ForecastOnly = 1,
}
