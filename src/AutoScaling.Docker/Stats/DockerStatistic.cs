namespace AutoScaling.Docker;

/// <summary>Which value of the Engine API's container stats a <c>UseDockerStats</c> metric reads.</summary>
public enum DockerStatistic
{
    /// <summary>
    /// CPU use in percent of one core, as <c>docker stats</c> shows it: 100 is one core busy, 200 two (whatever the
    /// container's limit). From the container's and the host's CPU time between this source's two last reads, so
    /// <see cref="MetricStatus.Missing"/> on a container's first read.
    /// </summary>
    CpuPercent = 0,

    /// <summary>Memory in use in percent of the container's limit (the host's memory without one): (usage − inactive file cache) / limit × 100.</summary>
    MemoryPercent = 1,
}
