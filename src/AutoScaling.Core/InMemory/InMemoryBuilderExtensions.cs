using AutoScaling.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the embedded in-memory parts to a group: simulated instances and code-driven metrics.</summary>
public static class InMemoryBuilderExtensions
{
    /// <summary>Uses simulated in-memory instances (for samples, tests and trying policies out).</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures start-up delay and failure rate.</param>
    /// <param name="store">The store the instances live in; a new one when <see langword="null"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseInMemoryInstances(this IScalingGroupBuilder builder, Action<InMemoryInstanceOptions>? configure = null, InMemoryInstanceStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        var options = builder.Services.AddOptions<InMemoryInstanceOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InMemoryInstanceOptions>, InMemoryInstanceOptionsValidator>());
        var shared = store ?? new InMemoryInstanceStore();
        return builder.UseInstances(sp => new InMemoryInstanceProvider(
            sp.GetRequiredService<IOptionsMonitor<InMemoryInstanceOptions>>().Get(name),
            shared,
            sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Adds a metric whose value is computed by a function on every read.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="name">The metric's name.</param>
    /// <param name="read">Computes the value; a non-finite result reads as missing.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseMetric(this IScalingGroupBuilder builder, string name, Func<double> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return builder.UseMetric(name, sp => new DelegateMetricSource(_ => read(), sp.GetRequiredService<TimeProvider>()));
    }
}
