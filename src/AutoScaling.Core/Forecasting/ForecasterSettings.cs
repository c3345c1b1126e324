namespace AutoScaling.Forecasting;

/// <summary>The settings of a <see cref="SeasonalForecaster"/>, validated by the policy's options validator.</summary>
internal readonly record struct ForecasterSettings(
    TimeSpan Bucket,
    bool Weekly,
    double Alpha,
    double Beta,
    double Gamma,
    double Delta,
    double Damping,
    int HorizonBuckets,
    double Confidence,
    double OutlierDeviations);
