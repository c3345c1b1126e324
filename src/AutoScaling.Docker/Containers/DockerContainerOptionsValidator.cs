using Microsoft.Extensions.Options;

namespace AutoScaling.Docker;

/// <summary>Validates <see cref="DockerContainerOptions"/>; messages name the group, the field and the value.</summary>
internal sealed class DockerContainerOptionsValidator : IValidateOptions<DockerContainerOptions>
{
    public const string What = "Docker containers";

    public ValidateOptionsResult Validate(string? name, DockerContainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var m = new ValidationMessages(name ?? Options.DefaultName, What);
        DockerOptionsRules.Host(m, options.DockerHost);
        m.Positive(nameof(options.RequestTimeout), options.RequestTimeout);
        if (string.IsNullOrWhiteSpace(options.Image))
        {
            m.Add(nameof(options.Image), options.Image, "it is required (a local image such as autoscaling-test:local)");
        }
        else if (options.Image.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            m.Add(nameof(options.Image), options.Image, "an image reference has no spaces or control characters");
        }

        DockerOptionsRules.Port(m, nameof(options.PortRangeStart), options.PortRangeStart);
        DockerOptionsRules.Port(m, nameof(options.PortRangeEnd), options.PortRangeEnd);
        m.NotLessThan(nameof(options.PortRangeEnd), options.PortRangeEnd, nameof(options.PortRangeStart), options.PortRangeStart);

        DockerOptionsRules.Address(m, nameof(options.BindAddress), options.BindAddress);
        if (options.CpuLimit is { } cpu && !(cpu > 0 && cpu <= 1024))
        {
            m.Add(nameof(options.CpuLimit), cpu, "it must be a number of cores above 0 (for example 0.5), or unset");
        }

        if (options.MemoryLimitBytes is { } memory && memory < 6 * 1024 * 1024)
        {
            m.Add(nameof(options.MemoryLimitBytes), memory, "Docker needs at least 6 MiB (6291456), or unset");
        }

        if (options.PortEnvironmentVariable is { Length: > 0 } variable && !IsVariableName(variable))
        {
            m.Add(nameof(options.PortEnvironmentVariable), variable, "it must be a variable name ([A-Za-z_][A-Za-z0-9_]*)");
        }

        foreach (var key in options.Environment.Keys)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal))
            {
                m.Add($"{nameof(options.Environment)}:{key}", key, "a variable name must be non-empty and without '='");
            }
        }

        foreach (var key in options.Labels.Keys)
        {
            if (key.StartsWith(ContainerLabels.Prefix, StringComparison.Ordinal))
            {
                m.Add($"{nameof(options.Labels)}:{key}", key, $"labels starting with '{ContainerLabels.Prefix}' are the provider's own");
            }
        }

        if (options.HealthCheck is { } health)
        {
            DockerOptionsRules.HealthCheck(m, nameof(options.HealthCheck), health);
        }

        if (options.Probe == ReadinessProbeKind.Http && !options.ProbePath.StartsWith('/'))
        {
            m.Add(nameof(options.ProbePath), options.ProbePath, "it must start with '/'");
        }

        if (!Enum.IsDefined(options.Probe))
        {
            m.Add(nameof(options.Probe), options.Probe.ToString(), "it must be None, Tcp or Http");
        }

        m.Positive(nameof(options.ProbeTimeout), options.ProbeTimeout);
        m.InRange(nameof(options.StopGracePeriod), options.StopGracePeriod, TimeSpan.Zero, TimeSpan.FromHours(1));

        if (options.OwnerId is { } owner && (owner.Length is 0 or > 128 || owner.Any(char.IsControl)))
        {
            m.Add(nameof(options.OwnerId), owner, "it must be 1 to 128 printable characters, or unset (the machine name)");
        }

        if (!ContainerLabels.IsValidNamePrefix(options.NamePrefix))
        {
            m.Add(nameof(options.NamePrefix), options.NamePrefix, "it must start with a letter or digit and hold only letters, digits, '_', '.' and '-'");
        }

        return m.ToResult();
    }

    private static bool IsVariableName(string name)
        => (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
