using AutoScaling.Nginx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Puts a scaling group's instances behind NGINX, through an upstream file and graceful reloads.</summary>
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
            return new NginxUpstreamRouter(o, new NginxMaster(o, time), time, loggers.CreateLogger<NginxUpstreamRouter>());
        });
    }
}
