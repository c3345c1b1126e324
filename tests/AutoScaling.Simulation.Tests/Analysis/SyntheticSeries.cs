namespace AutoScaling.Simulation.Tests.Analysis;

/// <summary>Traces with known parameters: a daily sine around a level, a trend, noise, and injected anomalies.</summary>
internal sealed class SyntheticSeries
{
    public double StepSeconds { get; init; } = 300;

    public double Days { get; init; } = 14;

    public double Level { get; init; } = 100;

    public double DailyAmplitude { get; init; } = 50;

    public double WeekendFactor { get; init; } = 1;

    public double TrendPerDay { get; init; }

    public double Noise { get; init; } = 3;

    /// <summary>Zeros from this day on, for <see cref="OutageHours"/>.</summary>
    public double? OutageDay { get; init; }

    public double OutageHours { get; init; } = 6;

    /// <summary>Three times the load for 30 minutes from this day on.</summary>
    public double? BurstDay { get; init; }

    /// <summary>From this day on, the daily pattern is read <see cref="PhaseShiftHours"/> later (two recordings joined).</summary>
    public double? PhaseShiftDay { get; init; }

    public double PhaseShiftHours { get; init; } = 8;

    /// <summary>From this day on, the level is raised by <see cref="StepSize"/>.</summary>
    public double? StepDay { get; init; }

    public double StepSize { get; init; } = 150;

    public LoadTrace Build(string name = "synthetic")
    {
        var random = new Random(7);
        var n = (int)(Days * 86400 / StepSeconds);
        var seconds = new double[n];
        var rates = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = i * StepSeconds;
            var day = t / 86400;
            var clock = t + (day >= PhaseShiftDay ? PhaseShiftHours * 3600 : 0);
            var weekend = ((int)(clock / 86400) % 7) >= 5 ? WeekendFactor : 1;
            var value = (weekend * (Level + (DailyAmplitude * Math.Sin(2 * Math.PI * clock / 86400)))) + (TrendPerDay * day) + (Noise * ((2 * random.NextDouble()) - 1));
            value += day >= StepDay ? StepSize : 0;
            if (day >= BurstDay && day < BurstDay + (0.5 / 24))
            {
                value *= 3;
            }

            if (day >= OutageDay && day < OutageDay + (OutageHours / 24))
            {
                value = 0;
            }

            seconds[i] = t;
            rates[i] = Math.Max(0, value);
        }

        return LoadTrace.FromSeries(name, seconds, rates);
    }
}
