namespace AutoScaling.Docker;

/// <summary>
/// Options of <c>UseDockerStats</c>: CPU or memory of the group's own containers (those with its ownership labels,
/// as <c>UseDockerContainers</c> writes them), averaged over them, and per instance. Named options keyed by group and metric.
/// </summary>
public sealed class DockerStatsOptions
{
    /// <summary>Gets or sets the daemon: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:port</c>. Default: <c>DOCKER_HOST</c>, else the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets or sets which statistic the metric is; <see cref="DockerStatistic.CpuPercent"/> by default.</summary>
    public DockerStatistic Statistic { get; set; } = DockerStatistic.CpuPercent;

    /// <summary>Gets or sets the owner id on the containers, as in <c>UseDockerContainers</c>' <c>OwnerId</c>. Default: the machine name.</summary>
    public string? OwnerId { get; set; }

    /// <summary>Gets or sets the group label of the containers to read; default: the scaling group's own name.</summary>
    public string? ContainerGroup { get; set; }

    /// <summary>Gets or sets how many containers are read at once (1 to 64). Default 4.</summary>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>Gets or sets how long one Engine API call may take (100 ms to 1 min); below the group's <c>MetricTimeout</c>. Default 3 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
