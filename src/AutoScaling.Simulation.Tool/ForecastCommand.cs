using System.CommandLine;
using System.Globalization;
using AutoScaling.Policies;

namespace AutoScaling.Simulation.Tool;

/// <summary><c>forecast</c>: back-tests the predictive policy's model on a trace (MAPE and band coverage at a horizon).</summary>
internal static class ForecastCommand
{
    public static Command Create()
    {
        var trace = new Option<FileInfo>("--trace", "-t") { Description = "The load: a CSV 'timestamp_seconds,requests_per_second'.", Required = true };
        var horizon = new Option<double>("--horizon") { Description = "Seconds ahead the forecasts are scored.", DefaultValueFactory = _ => 600 };
        var bucket = new Option<double>("--bucket") { Description = "Seconds per history bucket (60 to 3600, dividing a day).", DefaultValueFactory = _ => 300 };
        var interval = new Option<double>("--interval") { Description = "Seconds between samples fed to the model.", DefaultValueFactory = _ => 60 };
        var weekly = new Option<bool>("--weekly") { Description = "Learn a weekly season on top of the daily one.", DefaultValueFactory = _ => false };
        var confidence = new Option<double>("--confidence") { Description = "The band's confidence level.", DefaultValueFactory = _ => 0.9 };
        var alpha = new Option<double>("--alpha") { Description = "The level's smoothing factor α.", DefaultValueFactory = _ => new PredictivePolicyOptions().LevelSmoothing };
        var gamma = new Option<double>("--gamma") { Description = "The seasons' smoothing factor (γ, and δ for the weekly one).", DefaultValueFactory = _ => new PredictivePolicyOptions().DailySmoothing };
        var outliers = new Option<double>("--outlier-deviations") { Description = "One-step deviations past which an error is clipped.", DefaultValueFactory = _ => new PredictivePolicyOptions().OutlierDeviations };
        var command = new Command("forecast", "Back-test the predictive policy's Holt-Winters model on a trace: the first day trains it, then every forecast at --horizon is scored (MAPE, share inside the band).");
        foreach (var option in new Option[] { trace, horizon, bucket, interval, weekly, confidence, alpha, gamma, outliers })
        {
            command.Options.Add(option);
        }

        command.SetAction(result => Cli.Guarded(result, r =>
        {
            var file = r.GetRequiredValue(trace);
            var load = LoadTrace.Load(file.FullName);
            var options = new PredictivePolicyOptions
            {
                Metric = "rps",
                TargetPerInstance = 1,
                StartupTime = TimeSpan.FromSeconds(r.GetValue(horizon)),
                Buffer = TimeSpan.Zero,
                Bucket = TimeSpan.FromSeconds(r.GetValue(bucket)),
                WeeklySeason = r.GetValue(weekly),
                Confidence = r.GetValue(confidence),
                LevelSmoothing = r.GetValue(alpha),
                DailySmoothing = r.GetValue(gamma),
                WeeklySmoothing = r.GetValue(gamma),
                OutlierDeviations = r.GetValue(outliers),
            };
            ForecastStatus status;
            try
            {
                status = ForecastBacktest.Run(load, options, TimeSpan.FromSeconds(r.GetValue(interval)));
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message); // the options' validation: field and value named
            }

            r.InvocationConfiguration.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{load.Name}: horizon {options.StartupTime.TotalMinutes:0.#} min, bucket {options.Bucket.TotalMinutes:0.#} min, weekly {options.WeeklySeason}, α {options.LevelSmoothing}, γ {options.DailySmoothing}, clip {options.OutlierDeviations}: MAPE {Percent(status.MapePercent)}, coverage {Percent(status.CoveragePercent)} at {options.Confidence:P0}, {status.Scored:N0} forecasts scored{(status.Scored == 0 ? " (the trace is shorter than the day of warm-up plus the horizon)" : string.Empty)}"));
        }));
        return command;
    }

    private static string Percent(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:F1} %") : "n/a";
}
