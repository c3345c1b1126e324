using Microsoft.Extensions.Options;

namespace AutoScaling.Prometheus;

/// <summary>Validates <see cref="PrometheusExporterOptions"/>; messages name the field and the value.</summary>
internal sealed class PrometheusExporterOptionsValidator : IValidateOptions<PrometheusExporterOptions>
{
    public ValidateOptionsResult Validate(string? name, PrometheusExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ListenerAddress.TryParse(options.Url, out _))
        {
            failures.Add($"AutoScaling Prometheus exporter: Url is {ValidationMessages.Quote(options.Url)}; it must be http://HOST:PORT/PATH with HOST an address, a name, + or *.");
        }

        for (var i = 0; i < options.MeterNames.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.MeterNames[i]))
            {
                failures.Add($"AutoScaling Prometheus exporter: MeterNames:{i} is {ValidationMessages.Quote(options.MeterNames[i])}; it must be a meter name.");
            }
        }

        for (var i = 0; i < options.HistogramBuckets.Count; i++)
        {
            var b = options.HistogramBuckets[i];
            if (!double.IsFinite(b) || (i > 0 && b <= options.HistogramBuckets[i - 1]))
            {
                failures.Add(FormattableString.Invariant($"AutoScaling Prometheus exporter: HistogramBuckets:{i} is {b}; the bounds must be finite and strictly increasing."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
