namespace AutoScaling.Processes;

/// <summary>How a started process is found ready to serve.</summary>
public enum ProcessProbeKind
{
    /// <summary>A TCP connection to the instance's port must succeed.</summary>
    Tcp = 0,

    /// <summary>An HTTP GET of <see cref="ProcessInstanceOptions.ProbePath"/> on the instance's port must answer 2xx or 3xx.</summary>
    Http = 1,
}
