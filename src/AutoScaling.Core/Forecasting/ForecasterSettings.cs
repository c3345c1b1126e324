using AutoScaling.Policies;

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
    double OutlierDeviations,
    int AccuracyBuckets)
{
    /// <summary>The model of a <see cref="PredictivePolicy"/> with <paramref name="options"/>, scored <paramref name="horizonBuckets"/> buckets ahead.</summary>
    public static ForecasterSettings From(PredictivePolicyOptions options, int horizonBuckets) => new(
        options.Bucket,
        options.WeeklySeason,
        options.LevelSmoothing,
        options.TrendSmoothing,
        options.DailySmoothing,
        options.WeeklySmoothing,
        options.TrendDamping,
        horizonBuckets,
        options.Confidence,
        options.OutlierDeviations,
        (int)Math.Ceiling((double)options.AccuracyWindow.Ticks / options.Bucket.Ticks));
}
