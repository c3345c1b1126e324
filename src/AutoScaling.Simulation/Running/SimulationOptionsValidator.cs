using Microsoft.Extensions.Options;

namespace AutoScaling.Simulation;

/// <summary>Validates <see cref="SimulationOptions"/>; every message names the field and the value.</summary>
public sealed class SimulationOptionsValidator : IValidateOptions<SimulationOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(name ?? string.Empty, "simulation");
        if (string.IsNullOrWhiteSpace(options.MetricName))
        {
            m.Add(nameof(options.MetricName), options.MetricName, "it must name the metric the policies read");
        }

        if (string.IsNullOrWhiteSpace(options.UtilizationMetricName) || string.Equals(options.UtilizationMetricName, options.MetricName, StringComparison.Ordinal))
        {
            m.Add(nameof(options.UtilizationMetricName), options.UtilizationMetricName, "it must name a metric other than MetricName");
        }

        m.Positive(nameof(options.CapacityPerInstance), options.CapacityPerInstance);
        m.NotNegative(nameof(options.StartupDelay), options.StartupDelay);
        m.NotNegative(nameof(options.StartupDelaySpread), options.StartupDelaySpread);
        if (!Enum.IsDefined(options.StartupDelayDistribution))
        {
            m.Add(nameof(options.StartupDelayDistribution), options.StartupDelayDistribution, "it must be Fixed, Uniform or Exponential");
        }
        else if (options.StartupDelayDistribution == StartupDelayDistribution.Uniform && options.StartupDelaySpread > options.StartupDelay)
        {
            m.Add(nameof(options.StartupDelaySpread), options.StartupDelaySpread, $"with Uniform it must not be greater than StartupDelay ({options.StartupDelay})");
        }

        if (!(options.StartFailureRate is >= 0 and < 1))
        {
            m.Add(nameof(options.StartFailureRate), options.StartFailureRate, "it must be at least 0 and less than 1");
        }

        m.NotNegative(nameof(options.DrainTime), options.DrainTime);
        m.NotNegative(nameof(options.MetricDelay), options.MetricDelay);
        m.NotNegative(nameof(options.RateWindow), options.RateWindow);
        if (options.InitialInstances is int initial)
        {
            m.NotNegative(nameof(options.InitialInstances), initial);
        }

        NotNegativeFinite(m, nameof(options.PricePerInstanceHour), options.PricePerInstanceHour);
        NotNegativeFinite(m, nameof(options.IdleWatts), options.IdleWatts);
        NotNegativeFinite(m, nameof(options.BusyWatts), options.BusyWatts);
        if (options.BusyWatts < options.IdleWatts)
        {
            m.Add(nameof(options.BusyWatts), options.BusyWatts, $"it must be at least IdleWatts ({options.IdleWatts})");
        }

        return m.ToResult();
    }

    private static void NotNegativeFinite(ValidationMessages m, string field, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            m.Add(field, value, "it must be a finite number, at least 0");
        }
    }
}
