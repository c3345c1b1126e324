using AutoScaling.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds PromQL metric sources to a scaling group.</summary>
public static class PrometheusMetricBuilderExtensions
{
    /// <summary>Adds a metric read with a PromQL query.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, unique in the group; policies refer to it.</param>
    /// <param name="configure">Configures the server, the query and how its result is read.</param>
    /// <returns>The group builder.</returns>
    /// <example><code>
    /// g.UsePrometheusMetric("rps", q =>
    /// {
    ///     q.Server = new Uri("http://127.0.0.1:9090/");
    ///     q.Query = "sum(rate(haproxy_backend_http_requests_total{proxy=\"{group}\"}[10s]))";
    /// });
    /// </code></example>
    public static IScalingGroupBuilder UsePrometheusMetric(this IScalingGroupBuilder builder, string metricName, Action<PrometheusQueryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UsePrometheusMetric(metricName, o => o.Configure(configure));
    }

    /// <summary>Adds a metric read with a PromQL query, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, unique in the group; policies refer to it.</param>
    /// <param name="section">A section shaped as <see cref="PrometheusQueryOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UsePrometheusMetric(this IScalingGroupBuilder builder, string metricName, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UsePrometheusMetric(metricName, o => o.Bind(section));
    }

    private static IScalingGroupBuilder UsePrometheusMetric(this IScalingGroupBuilder builder, string metricName, Action<OptionsBuilder<PrometheusQueryOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        var key = PrometheusOptionsKey.Create(builder.Name, metricName);
        var optionsBuilder = builder.Services.AddOptions<PrometheusQueryOptions>(key);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrometheusQueryOptions>, PrometheusQueryOptionsValidator>());
        PrometheusSourceFactory.AddShared(builder.Services);
        return builder.UseMetric(metricName, sp => PrometheusSourceFactory.Create(sp, sp.GetRequiredService<IOptionsMonitor<PrometheusQueryOptions>>().Get(key)));
    }
}
