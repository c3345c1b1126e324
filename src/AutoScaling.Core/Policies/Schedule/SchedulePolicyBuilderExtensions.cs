using AutoScaling.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Adds the <see cref="SchedulePolicy"/> to a group.</summary>
public static class SchedulePolicyBuilderExtensions
{
    /// <summary>Adds a policy that sets a minimum, a maximum or a floor for periods given by cron expressions in a time zone.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseSchedule(this IScalingGroupBuilder builder, Action<SchedulePolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseSchedule(o => o.Configure(configure));
    }

    /// <summary>Adds a policy that sets a minimum, a maximum or a floor for scheduled periods, bound from configuration.</summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="section">A section shaped as <see cref="SchedulePolicyOptions"/>.</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseSchedule(this IScalingGroupBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return builder.UseSchedule(o => o.Bind(section));
    }

    private static IScalingGroupBuilder UseSchedule(this IScalingGroupBuilder builder, Action<OptionsBuilder<SchedulePolicyOptions>> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchedulePolicyOptions>, SchedulePolicyOptionsValidator>());
        return builder.UsePolicy(
            SchedulePolicy.Kind,
            options,
            static (sp, o) => new SchedulePolicy(o, (sp.GetService<TimeProvider>() ?? TimeProvider.System).LocalTimeZone),
            static _ => []);
    }
}
