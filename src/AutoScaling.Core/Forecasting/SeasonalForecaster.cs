namespace AutoScaling.Forecasting;

/// <summary>
/// An additive Holt-Winters model over fixed time buckets (the metric's mean per bucket): level, damped trend, a daily
/// season and optionally a weekly one (Taylor's double-seasonal form), with the residual spread and the accuracy of the
/// forecasts at a fixed horizon tracked online.
/// </summary>
/// <remarks>
/// <para>Buckets are aligned to the Unix epoch, so the season slots are the UTC time of day (and of week). Each closed
/// bucket updates the state in O(1) (error-correction form, <c>e = y − forecast</c>):
/// <c>L ← L + Σφⁱ·B + α·e</c>, <c>B ← φʰ·B + α·β·e</c>, <c>D[slot] ← D[slot] + γ·(1 − α)·e</c>,
/// <c>W[slot] ← W[slot] + δ·(1 − α)·e</c>, where <c>h</c> counts the buckets since the last update, so a gap (a bucket
/// without samples) is simply skipped.</para>
/// <para>Robustness: a bucket whose mean is exactly 0 while the forecast is more than 3 one-step deviations above 0 is an
/// outage and is skipped (NASA's 38 h of zeros leave the season intact); any other error beyond
/// <see cref="ForecasterSettings.OutlierDeviations"/> one-step deviations is clipped to that bound before it updates the
/// state (a flash crowd moves the level by a bounded step).</para>
/// <para>Warm-up: the first day of buckets initializes the level (their mean) and the daily season (each bucket minus
/// the mean); until then <see cref="IsReady"/> is false. Preallocated; nothing is allocated after construction.</para>
/// </remarks>
internal sealed class SeasonalForecaster
{
    private const int MinSpreadCount = 8;

    private readonly ForecasterSettings _s;
    private readonly long _bucketTicks;
    private readonly int _day;
    private readonly double[] _daily;
    private readonly double[] _weekly;
    private readonly double[] _pending;
    private readonly double[] _pendingSeasonal;
    private readonly double[] _pendingPersistent;
    private readonly long[] _pendingAt;
    private readonly double _z;
    private readonly double _lambda;

    private long _bucket = long.MinValue;
    private double _sum;
    private int _count;
    private long _first = long.MinValue;
    private long _last;
    private double _level;
    private double _trend;
    private double _oneStep;
    private int _oneStepCount;
    private double _spread;
    private int _spreadCount;
    private double _lastMean;
    private double _seasonalError;
    private int _seasonalCount;
    private double _persistentError;
    private int _persistentCount;
    private readonly SlidingAccuracy _accuracy;

    public SeasonalForecaster(ForecasterSettings settings)
    {
        _s = settings;
        _bucketTicks = settings.Bucket.Ticks;
        _day = (int)(TimeSpan.TicksPerDay / _bucketTicks);
        _daily = new double[_day];
        _weekly = settings.Weekly ? new double[7 * _day] : [];
        _pending = new double[settings.HorizonBuckets + 1];
        _pendingSeasonal = new double[settings.HorizonBuckets + 1];
        _pendingPersistent = new double[settings.HorizonBuckets + 1];
        _pendingAt = new long[settings.HorizonBuckets + 1];
        _pendingAt.AsSpan().Fill(long.MinValue);
        _daily.AsSpan().Fill(double.NaN);
        _z = NormalQuantile.TwoSided(settings.Confidence);
        _lambda = 1.0 / _day;
        _accuracy = new SlidingAccuracy(settings.AccuracyBuckets);
    }

    /// <summary>Gets a value indicating whether a day of buckets has initialized the model.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Gets the mean absolute percentage error of the forecasts at the horizon scored in the accuracy window (a fraction); NaN before the first.</summary>
    public double Mape => _accuracy.Mape;

    /// <summary>Gets the share of the values in the accuracy window that fell inside the band forecast at the horizon; NaN before the first.</summary>
    public double Coverage => _accuracy.Coverage;

    /// <summary>Gets how many forecasts at the horizon the accuracy window holds.</summary>
    public long Scored => _accuracy.Scored;

    /// <summary>Gets the standard deviation of the residuals at the horizon.</summary>
    public double Spread => Math.Sqrt(_spreadCount >= MinSpreadCount ? _spread : Math.Max(_spread, _oneStep * _s.HorizonBuckets));

    /// <summary>Gets the buckets skipped as outages.</summary>
    public long Outages { get; private set; }

    /// <summary>Gets the bucket index of a time.</summary>
    public long BucketOf(DateTimeOffset time) => Math.DivRem(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, _bucketTicks, out var r) - (r < 0 ? 1 : 0);

    /// <summary>Adds a sample to its bucket, closing the buckets before it.</summary>
    public void Observe(DateTimeOffset time, double value)
    {
        Advance(time);
        _sum += value;
        _count++;
    }

    /// <summary>Closes the buckets that ended before <paramref name="time"/>; a bucket without samples is a gap.</summary>
    public void Advance(DateTimeOffset time)
    {
        var bucket = BucketOf(time);
        if (_bucket == long.MinValue)
        {
            _bucket = bucket;
            return;
        }

        if (bucket <= _bucket)
        {
            return;
        }

        Close(_bucket, _count > 0 ? _sum / _count : double.NaN);
        _sum = 0;
        _count = 0;

        // The buckets between hold no sample: gaps, which the next update spans with h > 1.
        if (!IsReady && _first != long.MinValue && bucket - _first >= _day)
        {
            Close(Math.Max(_bucket + 1, _first + _day - 1), double.NaN);
        }

        _bucket = bucket;
    }

    /// <summary>Forecasts the bucket holding <paramref name="time"/>: the mean and the band's half-width.</summary>
    public double Forecast(DateTimeOffset time, out double halfWidth)
    {
        halfWidth = _z * Spread;
        return Combine(Predict(BucketOf(time)), _lastMean);
    }

    /// <summary>Gets the weight of the seasonal model in the forecast (the persistence forecast has the rest).</summary>
    public double SeasonalWeight => _seasonalCount < MinSpreadCount || _persistentCount < MinSpreadCount || _seasonalError + _persistentError <= 0
        ? 0.5
        : _persistentError / (_seasonalError + _persistentError);

    /// <summary>Bates and Granger's combination: each forecast weighted by the other's mean squared error at the horizon.</summary>
    private double Combine(double seasonal, double persistent)
    {
        var w = SeasonalWeight;
        return (w * seasonal) + ((1 - w) * persistent);
    }

    private double Predict(long bucket)
    {
        var h = Math.Max(1, bucket - _last);
        var value = _level + (DampedSum(h) * _trend) + _daily[Slot(bucket, _day)];
        return _weekly.Length == 0 ? value : value + _weekly[Slot(bucket, _weekly.Length)];
    }

    private void Close(long bucket, double mean)
    {
        if (!IsReady)
        {
            WarmUp(bucket, mean);
            return;
        }

        if (double.IsNaN(mean))
        {
            return;
        }

        var forecast = Predict(bucket);
        var oneStep = Math.Sqrt(_oneStep);
        if (mean == 0 && _oneStepCount >= MinSpreadCount && forecast > 3 * oneStep)
        {
            Outages++;
            return;
        }

        Score(bucket, mean);
        var e = mean - forecast;
        if (_oneStepCount >= MinSpreadCount && Math.Abs(e) > _s.OutlierDeviations * oneStep)
        {
            e = Math.CopySign(_s.OutlierDeviations * oneStep, e);
        }

        var h = bucket - _last;
        var a = _s.Alpha;
        _level += (DampedSum(h) * _trend) + (a * e);
        _trend = (Math.Pow(_s.Damping, h) * _trend) + (a * _s.Beta * e);
        _daily[Slot(bucket, _day)] += _s.Gamma * (1 - a) * e;
        if (_weekly.Length > 0)
        {
            _weekly[Slot(bucket, _weekly.Length)] += _s.Delta * (1 - a) * e;
        }

        _last = bucket;
        _lastMean = mean;
        _oneStep = Ewma(_oneStep, e * e, ref _oneStepCount);
        var target = bucket + _s.HorizonBuckets;
        var i = Slot(target, _pending.Length);
        _pendingSeasonal[i] = Predict(target);
        _pendingPersistent[i] = mean;
        _pending[i] = Combine(_pendingSeasonal[i], mean);
        _pendingAt[i] = target;
    }

    /// <summary>Scores the forecast made <see cref="ForecasterSettings.HorizonBuckets"/> buckets before, if any.</summary>
    private void Score(long bucket, double actual)
    {
        var i = Slot(bucket, _pending.Length);
        if (_pendingAt[i] != bucket)
        {
            return;
        }

        var residual = actual - _pending[i];
        _accuracy.Add(
            bucket,
            actual > 0 ? Math.Abs(residual) / actual : double.NaN,
            _spreadCount >= MinSpreadCount ? Math.Abs(residual) <= _z * Math.Sqrt(_spread) : null);

        _spread = Ewma(_spread, residual * residual, ref _spreadCount);
        var seasonal = actual - _pendingSeasonal[i];
        var persistent = actual - _pendingPersistent[i];
        _seasonalError = Ewma(_seasonalError, seasonal * seasonal, ref _seasonalCount);
        _persistentError = Ewma(_persistentError, persistent * persistent, ref _persistentCount);
    }

    private void WarmUp(long bucket, double mean)
    {
        if (_first == long.MinValue)
        {
            if (double.IsNaN(mean))
            {
                return;
            }

            _first = bucket;
        }

        if (!double.IsNaN(mean))
        {
            _daily[Slot(bucket, _day)] = mean;
        }

        if (bucket - _first + 1 < _day)
        {
            return;
        }

        double sum = 0;
        var n = 0;
        foreach (var v in _daily)
        {
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        }

        _level = sum / n;
        for (var j = 0; j < _daily.Length; j++)
        {
            _daily[j] = double.IsNaN(_daily[j]) ? 0 : _daily[j] - _level;
        }

        _last = bucket;
        _lastMean = double.IsNaN(mean) ? _level : mean;
        IsReady = true;
    }

    /// <summary>An exponentially weighted mean that starts as a plain mean, then keeps about a day of memory.</summary>
    private double Ewma(double mean, double value, ref int count)
    {
        count = count == int.MaxValue ? count : count + 1;
        var w = Math.Max(1.0 / count, _lambda);
        return mean + (w * (value - mean));
    }

    private double DampedSum(long h)
    {
        var phi = _s.Damping;
        return phi >= 1 ? h : phi * (1 - Math.Pow(phi, h)) / (1 - phi);
    }

    private static int Slot(long bucket, int length)
    {
        var r = bucket % length;
        return (int)(r < 0 ? r + length : r);
    }
}
