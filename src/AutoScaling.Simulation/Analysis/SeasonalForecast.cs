namespace AutoScaling.Simulation;

/// <summary>
/// The analysis' own forecaster for the back-test: additive Holt-Winters (level, trend and one season) with smoothing
/// factors picked from a small grid by the one-step squared error on the training part, and a band of ±1.96 standard
/// deviations of the training residuals (95 %). Deliberately small; Core's forecaster may replace it.
/// </summary>
internal static class SeasonalForecast
{
    private const double TrainShare = 0.7;
    private const double BandZ = 1.96;
    private static readonly double[] Alphas = [0.1, 0.2, 0.4, 0.6];
    private static readonly double[] Betas = [0, 0.01];
    private static readonly double[] Gammas = [0.05, 0.15, 0.3];

    /// <summary>Fits on the first 70 % of <paramref name="x"/> and forecasts the rest one bucket ahead; <see langword="null"/> when too short.</summary>
    public static Backtest? Backtest(double[] x, double bucketSeconds, IReadOnlyList<DominantPeriod> periods)
    {
        var train = (int)(x.Length * TrainShare);
        if (train < 8 || x.Length - train < 2)
        {
            return null;
        }

        var season = Season(periods, bucketSeconds);
        if (train < 2 * season)
        {
            season = 0;
        }

        var best = (Sse: double.PositiveInfinity, Alpha: 0.0, Beta: 0.0, Gamma: 0.0);
        foreach (var a in Alphas)
        {
            foreach (var b in Betas)
            {
                foreach (var g in Gammas)
                {
                    var model = new Model(x, season, a, b, g);
                    var sse = model.Run(x, season, train, null);
                    if (sse < best.Sse)
                    {
                        best = (sse, a, b, g);
                    }
                }
            }
        }

        var test = x.Length - train;
        var forecast = new double[test];
        var trainSse = new Model(x, season, best.Alpha, best.Beta, best.Gamma).Run(x, season, x.Length, forecast, train);
        var sigma = Math.Sqrt(trainSse / Math.Max(1, train - Math.Max(1, season)));
        var actual = x[train..];
        var lower = new double[test];
        var upper = new double[test];
        var inside = 0;
        for (var i = 0; i < test; i++)
        {
            lower[i] = Math.Max(0, forecast[i] - (BandZ * sigma));
            upper[i] = forecast[i] + (BandZ * sigma);
            inside += actual[i] >= lower[i] && actual[i] <= upper[i] ? 1 : 0;
        }

        var naive = new double[test];
        for (var i = 0; i < test; i++)
        {
            naive[i] = x[train + i - Math.Max(1, season)];
        }

        var name = season > 0
            ? $"Holt-Winters additive, season {season} buckets, α={best.Alpha}, β={best.Beta}, γ={best.Gamma}"
            : $"Holt linear, α={best.Alpha}, β={best.Beta}";
        return new Backtest(name, bucketSeconds, season, train, test, Mape(actual, forecast), Mape(actual, naive), 100.0 * inside / test, 95, actual, forecast, lower, upper);
    }

    /// <summary>The period closest to a day, in buckets (a day when none is found and the trace is long enough); 0 for none.</summary>
    private static int Season(IReadOnlyList<DominantPeriod> periods, double bucketSeconds)
    {
        if (periods.Count == 0)
        {
            return 0;
        }

        var closest = periods.MinBy(p => Math.Abs(Math.Log(p.Hours / 24)));
        return Math.Max(0, (int)Math.Round(closest.Hours * 3600 / bucketSeconds));
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

    private sealed class Model
    {
        private readonly double _alpha;
        private readonly double _beta;
        private readonly double _gamma;
        private readonly double[] _seasonal;
        private double _level;
        private double _trend;

        public Model(double[] x, int season, double alpha, double beta, double gamma)
        {
            (_alpha, _beta, _gamma) = (alpha, beta, gamma);
            _seasonal = new double[Math.Max(1, season)];
            var first = Math.Max(1, season);
            for (var i = 0; i < first; i++)
            {
                _level += x[i] / first;
            }

            for (var i = 0; i < season; i++)
            {
                _seasonal[i] = x[i] - _level;
            }
        }

        /// <summary>
        /// Walks from the first season to <paramref name="end"/>: forecasts each point one step ahead, then learns it.
        /// Writes the forecasts from <paramref name="recordFrom"/> into <paramref name="forecasts"/>; returns the squared error of the rest.
        /// </summary>
        public double Run(double[] x, int season, int end, double[]? forecasts, int recordFrom = int.MaxValue)
        {
            double sse = 0;
            for (var t = Math.Max(1, season); t < end; t++)
            {
                var s = season > 0 ? _seasonal[t % season] : 0;
                var f = Math.Max(0, _level + _trend + s);
                if (t >= recordFrom)
                {
                    forecasts![t - recordFrom] = f;
                }
                else
                {
                    sse += (x[t] - f) * (x[t] - f);
                }

                var level = (_alpha * (x[t] - s)) + ((1 - _alpha) * (_level + _trend));
                _trend = (_beta * (level - _level)) + ((1 - _beta) * _trend);
                _level = level;
                if (season > 0)
                {
                    _seasonal[t % season] = (_gamma * (x[t] - level)) + ((1 - _gamma) * s);
                }
            }

            return sse;
        }
    }
}
