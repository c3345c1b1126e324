using AutoScaling.Etcd;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds leader election on etcd: several autoscaler hosts, exactly one acts on each group.</summary>
public static class EtcdLeadershipBuilderExtensions
{
    /// <summary>
    /// Makes every group act only while this host leads its election on etcd (the host-wide one, or the one it names
    /// with <c>UseLeaderElection</c>); on the other hosts the groups gather and decide only (warm standby).
    /// </summary>
    /// <param name="builder">The autoscaler builder.</param>
    /// <param name="configure">Sets the endpoints, lease TTL, key prefix, TLS and credentials.</param>
    /// <returns>The autoscaler builder.</returns>
    public static IAutoScalingBuilder AddEtcdLeadership(this IAutoScalingBuilder builder, Action<EtcdLeadershipOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        Register(builder).Configure(configure);
        return builder;
    }

    /// <summary>Adds leader election on etcd with settings bound from configuration (for example <c>AutoScaling:Leadership:Etcd</c>).</summary>
    /// <param name="builder">The autoscaler builder.</param>
    /// <param name="section">A section shaped as <see cref="EtcdLeadershipOptions"/>.</param>
    /// <returns>The autoscaler builder.</returns>
    public static IAutoScalingBuilder AddEtcdLeadership(this IAutoScalingBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        Register(builder).Bind(section);
        return builder;
    }

    private static OptionsBuilder<EtcdLeadershipOptions> Register(IAutoScalingBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EtcdLeadershipOptions>, EtcdLeadershipOptionsValidator>());
        if (!services.Any(d => d.ServiceType == typeof(EtcdLeaderElectionProvider)))
        {
            services.AddSingleton<EtcdLeaderElectionProvider>();
            services.AddSingleton<ILeaderElectionProvider>(sp => sp.GetRequiredService<EtcdLeaderElectionProvider>());
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<EtcdLeaderElectionProvider>());
        }

        return services.AddOptions<EtcdLeadershipOptions>().ValidateOnStart();
    }
}
