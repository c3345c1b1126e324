namespace AutoScaling.Docker;

/// <summary>
/// Options of the <see cref="DockerSwarmServiceProvider"/>: scales an existing replicated Swarm service whose tasks use host
/// networking and listen on <see cref="BasePort"/> + their slot (pass <c>SLOT={{.Task.Slot}}</c> as an environment template).
/// </summary>
public sealed class DockerSwarmServiceOptions
{
    /// <summary>Gets or sets the daemon of a swarm manager: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:port</c>. Default: <c>DOCKER_HOST</c>, else the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary>Gets or sets how long one Docker API call may take. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the service's name (or id). Required; the service must exist and be replicated.</summary>
    public string Service { get; set; } = string.Empty;

    /// <summary>Gets or sets the address the tasks listen on. Default <c>127.0.0.1</c>.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the port rule: the task in slot <c>n</c> listens on <c>BasePort + n</c>. Required.</summary>
    public int BasePort { get; set; }

    /// <summary>Gets or sets the most replicas this provider scales the service to. Default 50.</summary>
    public int MaxReplicas { get; set; } = 50;

    /// <summary>Gets or sets how long provisioning waits for the new task to appear, and decommissioning for its slot to go. Default 30 s.</summary>
    public TimeSpan ScaleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the decommissioned task's container may take to exit after SIGTERM (when it runs on this daemon's node). Default 10 s.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times a scale update is retried when the service changed in between (version conflict). Default 5.</summary>
    public int UpdateRetries { get; set; } = 5;
}
