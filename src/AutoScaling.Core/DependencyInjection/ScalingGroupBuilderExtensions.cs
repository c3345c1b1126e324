using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Composes a scaling group: settings, metric sources, policies and the instance provider.</summary>
public static class ScalingGroupBuilderExtensions
{
    private static int s_policyCounter;

    /// <summary>Configures the group's settings in code.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Changes the settings.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder Configure(this IScalingGroupBuilder builder, Action<ScalingGroupOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>Binds the group's settings from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="ScalingGroupOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder Configure(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<ScalingGroupOptions>(builder.Name).Bind(section);
        return builder;
    }

    /// <summary>Adds a metric source under a name that policies refer to.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="name">The metric's name, unique in the group.</param>
    /// <param name="factory">Creates the source.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseMetric(this IScalingGroupBuilder builder, string name, Func<IServiceProvider, IMetricSource> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Configure<ScalingGroupComposition>(builder.Name, c => c.Metrics.Add(new MetricRegistration(name, factory)));
        return builder;
    }

    /// <summary>Adds a metric source instance under a name that policies refer to.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="name">The metric's name, unique in the group.</param>
    /// <param name="source">The source.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseMetric(this IScalingGroupBuilder builder, string name, IMetricSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return builder.UseMetric(name, _ => source);
    }

    /// <summary>Adds a custom policy.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="factory">Creates the policy.</param>
    /// <param name="metrics">The metric names the policy reads; checked against the group's metrics at start.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UsePolicy(this IScalingGroupBuilder builder, Func<IServiceProvider, IScalingPolicy> factory, params string[] metrics)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(metrics);
        var copy = (string[])metrics.Clone();
        builder.Services.Configure<ScalingGroupComposition>(builder.Name, c => c.Policies.Add(new PolicyRegistration("Custom", factory, _ => copy)));
        return builder;
    }

    /// <summary>
    /// Adds a policy with its own options type, registered as named options (validated at start) so code and
    /// configuration share one path. Built-in policies use this; so can custom ones.
    /// </summary>
    /// <typeparam name="TOptions">The policy's options type.</typeparam>
    /// <param name="builder">The group builder.</param>
    /// <param name="kind">The kind of policy, for messages (<c>TargetTracking</c>).</param>
    /// <param name="configureOptions">Configures the named options (<c>Configure</c>, <c>Bind</c>, validation).</param>
    /// <param name="factory">Creates the policy from its options.</param>
    /// <param name="metricsOf">Lists the metric names the options refer to.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UsePolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IScalingGroupBuilder builder,
        string kind,
        Action<OptionsBuilder<TOptions>> configureOptions,
        Func<IServiceProvider, TOptions, IScalingPolicy> factory,
        Func<TOptions, IEnumerable<string>> metricsOf)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(configureOptions);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(metricsOf);

        var key = PolicyOptionsKey.Create(builder.Name, kind, Interlocked.Increment(ref s_policyCounter));
        var options = builder.Services.AddOptions<TOptions>(key);
        configureOptions(options);
        options.ValidateOnStart();

        builder.Services.Configure<ScalingGroupComposition>(builder.Name, c => c.Policies.Add(new PolicyRegistration(
            kind,
            // The factory, not the monitor: each build (at start and at every reload) reads and validates the current values.
            sp => factory(sp, sp.GetRequiredService<IOptionsFactory<TOptions>>().Create(key)),
            sp => metricsOf(sp.GetRequiredService<IOptionsFactory<TOptions>>().Create(key)))));
        return builder;
    }

    /// <summary>Sets the instance provider of the group (a later call replaces an earlier one).</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="factory">Creates the provider.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseInstances(this IScalingGroupBuilder builder, Func<IServiceProvider, IInstanceProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Configure<ScalingGroupComposition>(builder.Name, c => c.InstanceProvider = factory);
        return builder;
    }

    /// <summary>
    /// Sets the router that sends traffic to the group's instances (a later call replaces an earlier one). The controller
    /// registers each new instance once it is active and waits until it is routed; it drains and deregisters each
    /// leaving instance before decommissioning it.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="factory">Creates the router.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseRouter(this IScalingGroupBuilder builder, Func<IServiceProvider, IInstanceRouter> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Configure<ScalingGroupComposition>(builder.Name, c => c.Router = factory);
        return builder;
    }

    /// <summary>Wraps the group's instance provider (tests record the controller's calls with it).</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="decorator">Wraps the provider it is given.</param>
    /// <returns>The group builder.</returns>
    internal static IScalingGroupBuilder DecorateInstances(this IScalingGroupBuilder builder, Func<IServiceProvider, IInstanceProvider, IInstanceProvider> decorator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(decorator);
        builder.Services.Configure<ScalingGroupComposition>(builder.Name, c => c.InstanceProviderDecorators.Add(decorator));
        return builder;
    }
}
