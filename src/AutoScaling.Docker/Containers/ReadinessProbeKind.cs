namespace AutoScaling.Docker;

/// <summary>How a container provider checks that a running container serves, besides Docker's own health status.</summary>
public enum ReadinessProbeKind
{
    /// <summary>No probe: running (and healthy, when the container has a Docker health check) is ready.</summary>
    None = 0,

    /// <summary>A TCP connection to the instance's port must succeed.</summary>
    Tcp = 1,

    /// <summary>An HTTP GET of <see cref="DockerContainerOptions.ProbePath"/> on the instance's port must answer 2xx or 3xx.</summary>
    Http = 2,
}
