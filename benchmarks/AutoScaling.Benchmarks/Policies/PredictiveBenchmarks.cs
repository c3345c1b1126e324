using AutoScaling;
using AutoScaling.Forecasting;
using AutoScaling.Policies;
using BenchmarkDotNet.Attributes;

namespace AutoScaling.Benchmarks.Policies;

/// <summary>
/// The predictive policy's per-sample cost: the model's update when a bucket closes (O(1), independent of the season's
/// length) and a whole <c>Recommend</c> call (sample, forecast, band, capacity). Must allocate 0 B.
/// </summary>
[MemoryDiagnoser]
public class PredictiveBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _names = ["rps"];
    private readonly MetricSample[] _samples = new MetricSample[1];
    private PredictivePolicy _policy = null!;
    private SeasonalForecaster _model = null!;
    private DateTimeOffset _now;
    private DateTimeOffset _bucket;

    /// <summary>Bucket width in minutes: 1 (1,440 daily slots, 10,080 weekly) or 5.</summary>
    [Params(1, 5)]
    public int BucketMinutes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new PredictivePolicyOptions { Metric = "rps", TargetPerInstance = 70, Bucket = TimeSpan.FromMinutes(BucketMinutes), WeeklySeason = true };
        _policy = new PredictivePolicy(options);
        _model = new SeasonalForecaster(ForecasterSettings.From(options, 3));
        _now = Start;
        _bucket = Start;

        // Two days of history, so both are past their warm-up.
        for (var i = 0; i < 2 * 1440; i++)
        {
            Recommend();
            ModelUpdate();
        }
    }

    /// <summary>One closed bucket: the Holt-Winters update, the accuracy bookkeeping and the forecast at the horizon.</summary>
    [Benchmark]
    public bool ModelUpdate()
    {
        _bucket += TimeSpan.FromMinutes(BucketMinutes);
        _model.Observe(_bucket, Load(_bucket));
        return _model.IsReady;
    }

    /// <summary>One evaluation a minute: the sample, the bucket bookkeeping (an update every bucket) and the recommendation.</summary>
    [Benchmark]
    public int Recommend()
    {
        _now += TimeSpan.FromMinutes(1);
        _samples[0] = MetricSample.Valid(Load(_now), _now);
        var context = new ScalingContext("web", _now, 10, 10, 0, _names, _samples);
        return _policy.Recommend(in context).DesiredInstances;
    }

    private static double Load(DateTimeOffset t) => 1000 + (500 * Math.Sin(2 * Math.PI * (t - Start).TotalDays));
}
