namespace AutoScaling.Docker;

/// <summary>
/// Options of the <see cref="DockerContainerProvider"/>: one container per instance, host networking, each on its own
/// port from <see cref="PortRangeStart"/>..<see cref="PortRangeEnd"/>. <c>{port}</c> in <see cref="Command"/>,
/// <see cref="Entrypoint"/>, <see cref="Environment"/> values and the health check test is replaced by the instance's port.
/// </summary>
public sealed class DockerContainerOptions
{
    /// <summary>Gets or sets the daemon: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:port</c>. Default: <c>DOCKER_HOST</c>, else the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets or sets how long one Docker API call may take. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the image (must exist locally or be pullable by the daemon). Required.</summary>
    public string Image { get; set; } = string.Empty;

    /// <summary>Gets or sets the command (<c>Cmd</c>); empty keeps the image's. Example: <c>["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"]</c>.</summary>
    public IList<string> Command { get; set; } = [];

    /// <summary>Gets or sets the entrypoint; empty keeps the image's.</summary>
    public IList<string> Entrypoint { get; set; } = [];

    /// <summary>Gets or sets environment variables for the containers.</summary>
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the variable that carries the instance's port to the container; <see langword="null"/> or empty sets none. Default <c>PORT</c>.</summary>
    public string? PortEnvironmentVariable { get; set; } = "PORT";

    /// <summary>Gets or sets extra labels. The ownership labels (<c>io.autoscaling.*</c>) are added and cannot be overridden.</summary>
    public IDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the CPU limit in cores (<c>NanoCpus</c>), for example 0.5; <see langword="null"/> for none.</summary>
    public double? CpuLimit { get; set; }

    /// <summary>Gets or sets the memory limit in bytes (at least 6 MiB); <see langword="null"/> for none.</summary>
    public long? MemoryLimitBytes { get; set; }

    /// <summary>Gets or sets a Docker health check; when set, an instance is active only once Docker reports it healthy.</summary>
    public DockerHealthCheckOptions? HealthCheck { get; set; }

    /// <summary>Gets or sets the address the containers listen on, used for the instance address and the probe. Default <c>127.0.0.1</c>.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the first port of the range (inclusive). Required.</summary>
    public int PortRangeStart { get; set; }

    /// <summary>Gets or sets the last port of the range (inclusive). Required; it bounds the number of instances.</summary>
    public int PortRangeEnd { get; set; }

    /// <summary>Gets or sets the readiness probe run against the instance's port. Default <see cref="ReadinessProbeKind.Tcp"/>.</summary>
    public ReadinessProbeKind Probe { get; set; } = ReadinessProbeKind.Tcp;

    /// <summary>Gets or sets the path of the HTTP probe. Default <c>/</c>.</summary>
    public string ProbePath { get; set; } = "/";

    /// <summary>Gets or sets how long one probe may take. Default 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long a stopping container may take to exit after SIGTERM before it is killed. Default 10 s.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the owner id written on every container, so that two hosts (or apps) using the same group name on one
    /// daemon never touch each other's containers. Must stay the same across restarts for adoption. Default: the machine name.
    /// </summary>
    public string? OwnerId { get; set; }

    /// <summary>Gets or sets the container name prefix; names are <c>{prefix}{group}-{port}</c>. Default <c>autoscaling-</c>.</summary>
    public string NamePrefix { get; set; } = "autoscaling-";
}
