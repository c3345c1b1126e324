using Microsoft.Extensions.DependencyInjection;

namespace AutoScaling;

/// <summary>Names the election a group acts under, so groups can be spread over several hosts (one leader per group).</summary>
public static class LeadershipBuilderExtensions
{
    /// <summary>
    /// Makes the group act only while this host leads <paramref name="election"/>; groups without it use the host-wide
    /// election when a leadership provider (such as <c>AddEtcdLeadership</c>) is registered, and always act otherwise.
    /// </summary>
    /// <param name="builder">The group builder.</param>
    /// <param name="election">The election's name (letters, digits, '_', '.' and '-').</param>
    /// <returns>The group builder.</returns>
    public static IScalingGroupBuilder UseLeaderElection(this IScalingGroupBuilder builder, string election)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(election);
        if (!ScalingGroupNames.IsValid(election))
        {
            throw new ArgumentException($"The election name {MessageText.Quote(election)} is not valid: use letters, digits, '_', '.' and '-' only.", nameof(election));
        }

        builder.Services.Configure<ScalingGroupComposition>(builder.Name, c => c.Election = election);
        return builder;
    }
}
