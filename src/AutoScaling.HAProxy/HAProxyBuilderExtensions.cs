using AutoScaling.HAProxy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Puts a scaling group's instances behind HAProxy, through its runtime API (no reload).</summary>
public static class HAProxyBuilderExtensions
{
    /// <summary>
    /// Routes the group's instances through an HAProxy backend: the controller registers each new instance once it is
    /// active (routed after its first good check), and drains and deregisters each leaving one before it is decommissioned.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseHAProxyBackend(this IScalingGroupBuilder builder, Action<HAProxyBackendOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseHAProxyBackend(o => o.Configure(configure));
    }

    /// <summary>Routes the group's instances through an HAProxy backend, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="HAProxyBackendOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseHAProxyBackend(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseHAProxyBackend(o => o.Bind(section));
    }

    /// <summary>Uses a fixed set of known HAProxy servers as the group's instances: scaling puts them in service and drains them.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseHAProxyServerPool(this IScalingGroupBuilder builder, Action<HAProxyServerPoolOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseHAProxyServerPool(o => o.Configure(configure));
    }

    /// <summary>Uses a fixed set of known HAProxy servers as the group's instances, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="HAProxyServerPoolOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseHAProxyServerPool(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseHAProxyServerPool(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseHAProxyBackend(this IScalingGroupBuilder builder, Action<OptionsBuilder<HAProxyBackendOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        AddCommon(builder.Services);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HAProxyBackendOptions>, HAProxyBackendOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<HAProxyBackendOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        return builder.UseRouter(sp =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<HAProxyBackendOptions>>().Get(name);
            var (pool, _, loggers) = CreatePool(sp, o);
            return new HAProxyBackendRouter(pool, o, loggers.CreateLogger<HAProxyBackendRouter>());
        });
    }

    private static IScalingGroupBuilder UseHAProxyServerPool(this IScalingGroupBuilder builder, Action<OptionsBuilder<HAProxyServerPoolOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var name = builder.Name;
        AddCommon(builder.Services);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HAProxyServerPoolOptions>, HAProxyServerPoolOptionsValidator>());
        var optionsBuilder = builder.Services.AddOptions<HAProxyServerPoolOptions>(name);
        options(optionsBuilder);
        optionsBuilder.ValidateOnStart();
        return builder.UseInstances(sp =>
        {
            var o = sp.GetRequiredService<IOptionsMonitor<HAProxyServerPoolOptions>>().Get(name);
            var (pool, time, _) = CreatePool(sp, o);
            return new HAProxyServerPoolInstanceProvider(pool, o, time);
        });
    }

    private static void AddCommon(IServiceCollection services)
    {
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HAProxyBackendLocks>();
    }

    private static (HAProxyBackendPool Pool, TimeProvider Time, ILoggerFactory Loggers) CreatePool(IServiceProvider sp, HAProxyPoolOptions o)
    {
        var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
        var loggers = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var client = new HAProxyRuntimeClient(o.CreateEndpoint(), o.CommandTimeout, time, loggers.CreateLogger<HAProxyRuntimeClient>());
        return (new HAProxyBackendPool(client, o, time, loggers.CreateLogger<HAProxyBackendPool>(), sp.GetRequiredService<HAProxyBackendLocks>()), time, loggers);
    }
}
