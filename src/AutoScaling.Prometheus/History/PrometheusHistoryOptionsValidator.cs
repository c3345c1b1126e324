using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus;

/// <summary>Validates <see cref="PrometheusHistoryOptions"/>; messages name the group, metric, field and value.</summary>
internal sealed class PrometheusHistoryOptionsValidator : IValidateOptions<PrometheusHistoryOptions>
{
    internal const string Kind = "prometheus-history";

    public ValidateOptionsResult Validate(string? name, PrometheusHistoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (group, metric) = MetricOptionsName.Parse(name, Kind);
        return Validate(group, metric, options).ToResult();
    }

    internal static ValidationMessages Validate(string group, string metric, PrometheusHistoryOptions options)
    {
        var m = PrometheusQueryOptionsValidator.Validate(group, metric, options.ToQueryOptions());
        m.Positive(nameof(options.Lookback), options.Lookback);
        m.AtLeast(nameof(options.Step), options.Step, TimeSpan.FromSeconds(1));
        m.InRange(nameof(options.MaxPoints), options.MaxPoints, 1, PrometheusHistoryOptions.MaxPointsLimit);
        if (options.Lookback > TimeSpan.Zero && options.Step >= TimeSpan.FromSeconds(1) && options.Lookback / options.Step > options.MaxPoints)
        {
            m.Add(nameof(options.Lookback), options.Lookback, $"at a step of {options.Step} it needs {Math.Ceiling(options.Lookback / options.Step)} points, more than MaxPoints ({options.MaxPoints}); raise Step or shorten Lookback");
        }

        return m;
    }
}
