using Microsoft.Extensions.Options;

namespace AutoScaling.Docker;

internal sealed class DockerStatsOptionsValidator : IValidateOptions<DockerStatsOptions>
{
    public ValidateOptionsResult Validate(string? name, DockerStatsOptions options)
    {
        var (group, metric) = MetricOptionsName.Parse(name, DockerStatsSource.Kind);
        var m = new ValidationMessages(group, $"Docker stats metric '{metric}'");
        DockerOptionsRules.Host(m, options.DockerHost);
        if (!Enum.IsDefined(options.Statistic))
        {
            m.Add(nameof(options.Statistic), options.Statistic, "it must be CpuPercent or MemoryPercent");
        }

        if (options.ContainerGroup is { } containerGroup && string.IsNullOrWhiteSpace(containerGroup))
        {
            m.Add(nameof(options.ContainerGroup), containerGroup, "it must not be blank (leave it unset for the group's own name)");
        }

        m.InRange(nameof(options.MaxParallelism), options.MaxParallelism, 1, 64);
        m.InRange(nameof(options.RequestTimeout), options.RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        return m.ToResult();
    }
}
