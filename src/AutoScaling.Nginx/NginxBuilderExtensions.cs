using AutoScaling.Nginx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Puts a scaling group's instances behind NGINX (an upstream file and graceful reloads) and reads NGINX's <c>stub_status</c> as a metric.</summary>
public static class NginxBuilderExtensions
{
    /// <summary>
    /// Routes the group's instances through an NGINX upstream whose file this library owns: each change is written
    /// atomically, checked with <c>nginx -t</c> and applied with a graceful reload, or rolled back when NGINX refuses it.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseNginxUpstream(this IScalingGroupBuilder builder, Action<NginxUpstreamOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseNginxUpstream(o => o.Configure(configure));
    }

    /// <summary>Routes the group's instances through an NGINX upstream, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="NginxUpstreamOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseNginxUpstream(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseNginxUpstream(o => o.Bind(section));
    }

    /// <summary>
    /// Reads a metric from NGINX's <c>stub_status</c> page: requests per second (from two reads; missing until there
    /// are two and after a counter reset), or one of its values (active connections, accepts, handled, requests,
    /// reading, writing, waiting).
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name within the group.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseNginxStubStatus(this IScalingGroupBuilder builder, string metricName, Action<NginxStubStatusOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseNginxStubStatus(metricName, o => o.Configure(configure));
    }

    /// <summary>Reads a metric from NGINX's <c>stub_status</c> page, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="metricName">The metric's name within the group.</param>
    /// <param name="section">A section shaped as <see cref="NginxStubStatusOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseNginxStubStatus(this IScalingGroupBuilder builder, string metricName, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseNginxStubStatus(metricName, o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseNginxStubStatus(this IScalingGroupBuilder builder, string metricName, Action<OptionsBuilder<NginxStubStatusOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        var key = StubStatusOptionsKey.Create(builder.Name, metricName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<StubStatusHttp>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NginxStubStatusOptions>, NginxStubStatusOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<NginxStubStatusOptions>(key);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        return builder.UseMetric(metricName, sp => new NginxStubStatusSource(
            sp.GetRequiredService<IOptionsMonitor<NginxStubStatusOptions>>().Get(key),
            sp.GetRequiredService<StubStatusHttp>().Client,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<NginxStubStatusSource>>()));
    }

    private static IScalingGroupBuilder UseNginxUpstream(this IScalingGroupBuilder builder, Action<OptionsBuilder<NginxUpstreamOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        builder.Services.AddOptions();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NginxUpstreamOptions>, NginxUpstreamOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<NginxUpstreamOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        return builder.UseRouter(sp =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<NginxUpstreamOptions>>().Get(name);
            var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            var loggers = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var router = new NginxUpstreamRouter(o, new NginxMaster(o, time), time, loggers.CreateLogger<NginxUpstreamRouter>());
            router.CreateFileIfMissing();
            return router;
        });
    }
}
