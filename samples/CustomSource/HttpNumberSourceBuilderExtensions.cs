using AutoScaling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CustomSourceSample;

/// <summary>Adds an <see cref="HttpNumberSource"/> to a group, from code or from configuration (named options, validated at start).</summary>
public static class HttpNumberSourceBuilderExtensions
{
    /// <summary>Adds a metric read from an HTTP endpoint that returns a number.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metric">The metric's name, as policies refer to it.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseHttpNumber(this IScalingGroupBuilder builder, string metric, Action<HttpNumberSourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseHttpNumber(metric, o => o.Configure(configure));
    }

    /// <summary>Adds a metric read from an HTTP endpoint that returns a number, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metric">The metric's name, as policies refer to it.</param>
    /// <param name="section">A section shaped as <see cref="HttpNumberSourceOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseHttpNumber(this IScalingGroupBuilder builder, string metric, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseHttpNumber(metric, o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseHttpNumber(this IScalingGroupBuilder builder, string metric, Action<OptionsBuilder<HttpNumberSourceOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(metric);
        var key = builder.Name + "/" + metric;
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpNumberSourceOptions>, HttpNumberSourceOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<HttpNumberSourceOptions>(key);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // One client per source, kept for the host's life; its own timeout is off, the source bounds each read.
        builder.Services.AddKeyedSingleton(key, static (_, _) => new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan });
        return builder.UseMetric(metric, sp => new HttpNumberSource(
            sp.GetRequiredService<IOptionsMonitor<HttpNumberSourceOptions>>().Get(key),
            sp.GetRequiredKeyedService<HttpClient>(key),
            sp.GetRequiredService<TimeProvider>()));
    }
}
