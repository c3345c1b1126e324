using Microsoft.Extensions.Options;

namespace AutoScaling.Policies;

/// <summary>Validates <see cref="PredictivePolicyOptions"/>; every message names the group, the field and the value.</summary>
internal sealed class PredictivePolicyOptionsValidator : IValidateOptions<PredictivePolicyOptions>
{
    /// <summary>The longest accuracy window: a year's scores (at 1-minute buckets, 527,040 slots of 9 bytes).</summary>
    internal static readonly TimeSpan MaxAccuracyWindow = TimeSpan.FromDays(366);

    public ValidateOptionsResult Validate(string? name, PredictivePolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(PolicyOptionsKey.GroupOf(name), PredictivePolicy.Kind + " policy");
        if (string.IsNullOrWhiteSpace(options.Metric))
        {
            m.Add(nameof(options.Metric), options.Metric, "it must name a metric of the group");
        }

        if (!(options.TargetPerInstance > 0 && double.IsFinite(options.TargetPerInstance)))
        {
            m.Add(nameof(options.TargetPerInstance), options.TargetPerInstance, "it must be a finite number greater than 0");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            m.Add(nameof(options.Mode), options.Mode, "it must be ForecastAndScale or ForecastOnly");
        }

        m.NotNegative(nameof(options.StartupTime), options.StartupTime);
        m.NotNegative(nameof(options.Buffer), options.Buffer);
        if (options.StartupTime + options.Buffer > TimeSpan.FromDays(1))
        {
            m.Add(nameof(options.Buffer), options.Buffer, $"StartupTime + Buffer ({options.StartupTime + options.Buffer}) must not exceed a day");
        }

        if (!(options.Confidence >= 0.5 && options.Confidence <= 0.999))
        {
            m.Add(nameof(options.Confidence), options.Confidence, "it must be within 0.5 and 0.999");
        }

        var bucket = options.Bucket;
        if (bucket < TimeSpan.FromMinutes(1) || bucket > TimeSpan.FromHours(1) || TimeSpan.TicksPerDay % bucket.Ticks != 0)
        {
            m.Add(nameof(options.Bucket), bucket, "it must be from 00:01:00 to 01:00:00 and divide a day (1, 2, 5, 10, 15, 30 or 60 minutes)");
        }

        if (options.AccuracyWindow < bucket || options.AccuracyWindow > MaxAccuracyWindow)
        {
            m.Add(nameof(options.AccuracyWindow), options.AccuracyWindow, $"it must be from Bucket ({bucket}) to {MaxAccuracyWindow.Days} days");
        }

        Fraction(m, nameof(options.LevelSmoothing), options.LevelSmoothing, openAtZero: true);
        Fraction(m, nameof(options.TrendSmoothing), options.TrendSmoothing, openAtZero: false);
        Fraction(m, nameof(options.DailySmoothing), options.DailySmoothing, openAtZero: false);
        Fraction(m, nameof(options.WeeklySmoothing), options.WeeklySmoothing, openAtZero: false);
        if (!(options.TrendDamping >= 0 && options.TrendDamping <= 1))
        {
            m.Add(nameof(options.TrendDamping), options.TrendDamping, "it must be within 0 and 1");
        }

        if (!(options.OutlierDeviations >= 1 && double.IsFinite(options.OutlierDeviations)))
        {
            m.Add(nameof(options.OutlierDeviations), options.OutlierDeviations, "it must be a finite number of at least 1");
        }

        for (var i = 0; i < options.Events.Count; i++)
        {
            var e = options.Events[i];
            var field = $"Events:{i}";
            if (e is null)
            {
                m.Add(field, null, "it must be an event");
                continue;
            }

            if (e.End <= e.Start)
            {
                m.Add(field + ":End", e.End, $"it must be after Start ({e.Start:O})");
            }

            if (!(e.Multiplier > 0 && double.IsFinite(e.Multiplier)))
            {
                m.Add(field + ":Multiplier", e.Multiplier, "it must be a finite number greater than 0");
            }
        }

        return m.ToResult();
    }

    private static void Fraction(ValidationMessages m, string field, double value, bool openAtZero)
    {
        if (!((openAtZero ? value > 0 : value >= 0) && value < 1))
        {
            m.Add(field, value, openAtZero ? "it must be greater than 0 and less than 1" : "it must be at least 0 and less than 1");
        }
    }
}
