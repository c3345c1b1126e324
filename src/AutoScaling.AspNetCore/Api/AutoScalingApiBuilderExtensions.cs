using AutoScaling.AspNetCore;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScaling;

/// <summary>Registers the HTTP control API; map it with <c>app.MapAutoScaling()</c>.</summary>
public static class AutoScalingApiBuilderExtensions
{
    /// <summary>
    /// Registers the control API's options (validated at start: a read policy, or an explicit <see cref="AutoScalingApiOptions.AllowAnonymous"/>),
    /// its source-generated JSON and Problem Details.
    /// </summary>
    /// <param name="builder">The AutoScaling builder.</param>
    /// <param name="configure">Names the authorization policies.</param>
    /// <returns>The builder.</returns>
    public static IAutoScalingBuilder AddControlApi(this IAutoScalingBuilder builder, Action<AutoScalingApiOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<AutoScalingApiOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AutoScalingApiOptions>, AutoScalingApiOptionsValidator>());
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        return builder;
    }
}
