using Microsoft.Extensions.Options;

namespace AutoScaling.Docker;

/// <summary>Validates <see cref="DockerSwarmServiceOptions"/>; messages name the group, the field and the value.</summary>
internal sealed class DockerSwarmServiceOptionsValidator : IValidateOptions<DockerSwarmServiceOptions>
{
    public const string What = "Docker Swarm service";

    public ValidateOptionsResult Validate(string? name, DockerSwarmServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(name ?? Options.DefaultName, What);
        DockerOptionsRules.Host(m, options.DockerHost);
        m.Positive(nameof(options.RequestTimeout), options.RequestTimeout);
        if (string.IsNullOrWhiteSpace(options.Service) || options.Service.Any(c => char.IsControl(c) || c is '/' or '?' or '#'))
        {
            m.Add(nameof(options.Service), options.Service, "it must name an existing service (its name or id)");
        }

        DockerOptionsRules.Address(m, nameof(options.BindAddress), options.BindAddress);
        m.InRange(nameof(options.MaxReplicas), options.MaxReplicas, 1, 10000);

        if (options.BasePort < 1 || (long)options.BasePort + Math.Max(options.MaxReplicas, 1) > 65535)
        {
            m.Add(nameof(options.BasePort), options.BasePort, $"BasePort + MaxReplicas ({options.MaxReplicas}) must be a port (at most 65535), and BasePort at least 1");
        }

        m.Positive(nameof(options.ScaleTimeout), options.ScaleTimeout);
        m.InRange(nameof(options.StopGracePeriod), options.StopGracePeriod, TimeSpan.Zero, TimeSpan.FromHours(1));
        m.InRange(nameof(options.UpdateRetries), options.UpdateRetries, 0, 100);

        return m.ToResult();
    }
}
