using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>The one path of a metric source with options: named per group and metric, validated at start, then built.</summary>
public static class MetricSourceBuilderExtensions
{
    /// <summary>
    /// Adds a metric whose source is built from options named <see cref="MetricOptionsName.Create"/>(group, <paramref name="kind"/>,
    /// <paramref name="metricName"/>), validated by <typeparamref name="TValidator"/> when the host starts. An adapter's
    /// <c>UseXxx(metricName, configure)</c> and <c>UseXxx(metricName, section)</c> both come here.
    /// </summary>
    /// <typeparam name="TOptions">The source's options.</typeparam>
    /// <typeparam name="TValidator">Validates them; parse the group and metric with <see cref="MetricOptionsName.Parse"/>.</typeparam>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name, unique in the group.</param>
    /// <param name="kind">The source's kind, as <c>haproxy-stats</c>.</param>
    /// <param name="options">Configures or binds the options.</param>
    /// <param name="factory">Creates the source from the services and the validated options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseMetric<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this IScalingGroupBuilder builder, string metricName, string kind, Action<OptionsBuilder<TOptions>> options, Func<IServiceProvider, TOptions, IMetricSource> factory)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        var name = MetricOptionsName.Create(builder.Name, kind, metricName);
        var optionsBuilder = builder.Services.AddOptions<TOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.UseMetric(metricName, sp => factory(sp, sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
    }
}
