namespace AutoScaling.Docker;

/// <summary>A Docker health check for the containers (<c>Config.Healthcheck</c>). <c>{port}</c> in <see cref="Test"/> is replaced by the instance's port.</summary>
public sealed class DockerHealthCheckOptions
{
    /// <summary>Gets or sets the test, as Docker takes it: <c>["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:{port}/"]</c> or <c>["CMD-SHELL", "…"]</c>.</summary>
    public IList<string> Test { get; set; } = [];

    /// <summary>Gets or sets the time between checks. Default 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long one check may take. Default 1 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many consecutive failures make the container unhealthy. Default 3.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>Gets or sets the start period during which failures do not count. Default zero.</summary>
    public TimeSpan StartPeriod { get; set; } = TimeSpan.Zero;
}
