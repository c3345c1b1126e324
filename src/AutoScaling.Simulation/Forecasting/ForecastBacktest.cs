using AutoScaling.Policies;

namespace AutoScaling.Simulation;

/// <summary>
/// Replays a trace's load through a <see cref="PredictivePolicy"/> in <see cref="PredictiveMode.ForecastOnly"/>, one
/// sample per interval as the controller would feed it, and reports the accuracy of its forecasts at the horizon.
/// </summary>
/// <remarks>The first day only trains the model (its warm-up), so the scores cover the rest of the trace.</remarks>
internal static class ForecastBacktest
{
    public static ForecastStatus Run(LoadTrace trace, PredictivePolicyOptions options, TimeSpan interval)
    {
        options.Mode = PredictiveMode.ForecastOnly;
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
}
