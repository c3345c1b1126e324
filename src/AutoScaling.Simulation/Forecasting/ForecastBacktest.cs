using System.Globalization;
using AutoScaling.Forecasting;
using AutoScaling.Policies;

namespace AutoScaling.Simulation;

/// <summary>Back-tests of the predictive policy's model (<see cref="SeasonalForecaster"/>): the one forecaster of the project.</summary>
internal static class ForecastBacktest
{
    private const double TrainShare = 0.7;

    /// <summary>
    /// Replays a trace's load through a <see cref="PredictivePolicy"/> in <see cref="PredictiveMode.ForecastOnly"/>, one
    /// sample per interval as the controller would feed it, and reports the accuracy of its forecasts at the horizon.
    /// </summary>
    /// <remarks>The first day only trains the model (its warm-up), so the scores cover the rest of the trace: the accuracy
    /// window is the whole trace (up to the longest window allowed).</remarks>
    public static ForecastStatus Run(LoadTrace trace, PredictivePolicyOptions options, TimeSpan interval)
    {
        options.Mode = PredictiveMode.ForecastOnly;
        var whole = TimeSpan.FromSeconds(Math.Ceiling(trace.End - trace.Start)) + options.Bucket;
        options.AccuracyWindow = whole < PredictivePolicyOptionsValidator.MaxAccuracyWindow ? whole : PredictivePolicyOptionsValidator.MaxAccuracyWindow;
        var policy = new PredictivePolicy(options);
        var names = new[] { options.Metric };
        var samples = new MetricSample[1];
        var epoch = DateTimeOffset.UnixEpoch;
        var cursor = new TraceCursor(trace);
        var step = interval.TotalSeconds;
        for (var t = trace.Start; t < trace.End; t += step)
        {
            var now = epoch.AddSeconds(t);
            samples[0] = MetricSample.Valid(trace.RateAt(cursor.Bucket(t)), now);
            var context = new ScalingContext(trace.Name, now, 1, 1, 0, names, samples);
            policy.Recommend(in context);
        }

        return policy.GetForecast();
    }

    /// <summary>
    /// The analysis' back-test: the policy's model with its default settings at the analysis' bucket learns the bucket
    /// means in order; over the last 30 % each bucket is forecast one bucket ahead (the band at the default confidence)
    /// before it is learned. <see langword="null"/> when the bucket does not divide a day or the first 70 % hold less than
    /// the model's day of warm-up.
    /// </summary>
    public static Backtest? OneBucketAhead(double[] x, double startSeconds, double bucketSeconds)
    {
        var bucket = TimeSpan.FromSeconds(bucketSeconds);
        var train = (int)(x.Length * TrainShare);
        var test = x.Length - train;
        if (bucket.Ticks <= 0 || TimeSpan.TicksPerDay % bucket.Ticks != 0 || test < 2)
        {
            return null;
        }

        var day = (int)(TimeSpan.TicksPerDay / bucket.Ticks);
        var o = new PredictivePolicyOptions { Bucket = bucket };
        var model = new SeasonalForecaster(ForecasterSettings.From(o, 1));
        var (forecast, lower, upper) = (new double[test], new double[test], new double[test]);
        var inside = 0;
        for (var t = 0; t < x.Length; t++)
        {
            var at = DateTimeOffset.UnixEpoch.AddSeconds(startSeconds + (t * bucketSeconds));
            model.Advance(at);
            if (t >= train)
            {
                if (!model.IsReady)
                {
                    return null;
                }

                var i = t - train;
                forecast[i] = model.Forecast(at, out var half);
                lower[i] = Math.Max(0, forecast[i] - half);
                upper[i] = forecast[i] + half;
                inside += x[t] >= lower[i] && x[t] <= upper[i] ? 1 : 0;
            }

            model.Observe(at, x[t]);
        }

        var actual = x[train..];
        var naive = new double[test];
        for (var i = 0; i < test; i++)
        {
            naive[i] = x[train + i - day];
        }

        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"UsePredictive's model (Holt-Winters + persistence, defaults α={o.LevelSmoothing}, β={o.TrendSmoothing}, γ={o.DailySmoothing}, φ={o.TrendDamping}), daily season {day} buckets");
        return new Backtest(name, bucketSeconds, day, train, test, Mape(actual, forecast), Mape(actual, naive), 100.0 * inside / test, 100 * o.Confidence, actual, forecast, lower, upper);
    }

    private static double Mape(double[] actual, double[] forecast)
    {
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (actual[i] > 0)
            {
                sum += Math.Abs(actual[i] - forecast[i]) / actual[i];
                n++;
            }
        }

        return n == 0 ? double.NaN : 100 * sum / n;
    }
}
