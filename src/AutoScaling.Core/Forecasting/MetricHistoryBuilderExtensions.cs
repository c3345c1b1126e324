using AutoScaling.Forecasting;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling;

/// <summary>Adds a metric's history source to a group.</summary>
public static class MetricHistoryBuilderExtensions
{
    /// <summary>
    /// Loads the metric's history once, before the group's first evaluation, and feeds it to the policies that learn it
    /// (the predictive policy). A failed load is logged and ignored: the policies then learn from the group's samples.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, as the policy names it.</param>
    /// <param name="factory">Creates the source.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseMetricHistory(this IScalingGroupBuilder builder, string metricName, Func<IServiceProvider, IMetricHistorySource> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddSingleton(new MetricHistoryRegistration(builder.Name, metricName, factory));
        return builder;
    }
}
