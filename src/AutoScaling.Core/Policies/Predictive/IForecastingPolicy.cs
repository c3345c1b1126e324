namespace AutoScaling;

/// <summary>A policy that forecasts: the controller reports its latest forecast in <see cref="ScalingGroupStatus.Forecasts"/>.</summary>
public interface IForecastingPolicy
{
    /// <summary>Gets the latest forecast and its accuracy; safe to call from any thread.</summary>
    /// <returns>The snapshot.</returns>
    ForecastStatus GetForecast();
}
