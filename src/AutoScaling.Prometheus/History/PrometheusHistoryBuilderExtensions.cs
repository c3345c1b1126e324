using AutoScaling.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds a metric's history read from Prometheus to a scaling group.</summary>
public static class PrometheusHistoryBuilderExtensions
{
    /// <summary>
    /// Loads the metric's history with one Prometheus range query before the group's first evaluation, so the predictive
    /// policy does not warm up again after a restart. A failed query is logged; the policy then learns from the group's samples.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, as the policy names it.</param>
    /// <param name="configure">Configures the server, the query, the lookback and the step.</param>
    /// <returns>The group builder.</returns>
    /// <example><code>
    /// g.UsePrometheusHistory("rps", h =>
    /// {
    ///     h.Server = new Uri("http://127.0.0.1:9090/");
    ///     h.Query = "sum(rate(haproxy_backend_http_requests_total{proxy=\"{group}\"}[1m]))";
    ///     h.Lookback = TimeSpan.FromDays(7);
    ///     h.Step = TimeSpan.FromMinutes(5);
    /// });
    /// </code></example>
    public static IScalingGroupBuilder UsePrometheusHistory(this IScalingGroupBuilder builder, string metricName, Action<PrometheusHistoryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UsePrometheusHistory(metricName, o => o.Configure(configure));
    }

    /// <summary>Loads the metric's history from Prometheus, options bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, as the policy names it.</param>
    /// <param name="section">A section shaped as <see cref="PrometheusHistoryOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UsePrometheusHistory(this IScalingGroupBuilder builder, string metricName, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UsePrometheusHistory(metricName, o => o.Bind(section));
    }

    private static IScalingGroupBuilder UsePrometheusHistory(this IScalingGroupBuilder builder, string metricName, Action<OptionsBuilder<PrometheusHistoryOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        var name = MetricOptionsName.Create(builder.Name, PrometheusHistoryOptionsValidator.Kind, metricName);
        var optionsBuilder = builder.Services.AddOptions<PrometheusHistoryOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusHistoryOptions>, PrometheusHistoryOptionsValidator>());
        PrometheusSourceFactory.AddShared(builder.Services);
        return builder.UseMetricHistory(metricName, sp =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<PrometheusHistoryOptions>>().Get(name);
            return new PrometheusHistorySource(PrometheusSourceFactory.Create(sp, o.ToQueryOptions()), o.Lookback, o.Step);
        });
    }
}
