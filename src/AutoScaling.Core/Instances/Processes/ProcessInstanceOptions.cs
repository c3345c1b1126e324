namespace AutoScaling.Processes;

/// <summary>
/// Options of <c>UseProcessInstances</c>: each instance is a local copy of <see cref="Command"/> listening on its own port
/// from <see cref="PortRangeStart"/>..<see cref="PortRangeEnd"/>. <c>{port}</c> in <see cref="Arguments"/> and
/// <see cref="Environment"/> values is replaced by the instance's port. Linux only (it reads <c>/proc</c>).
/// </summary>
public sealed class ProcessInstanceOptions
{
    /// <summary>Gets or sets the program to run: a path, or a name found on <c>PATH</c>. Required. No shell is involved.</summary>
    public string Command { get; set; } = string.Empty;

    /// <summary>Gets or sets the arguments, one per element (no shell quoting). Example: <c>["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/srv/www"]</c>.</summary>
    public IList<string> Arguments { get; set; } = [];

    /// <summary>Gets or sets extra environment variables of the processes (values may contain <c>{port}</c>).</summary>
    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the working directory of the processes; <see langword="null"/> keeps the host's.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Gets or sets the address the processes listen on, used for the instance address and the probe. Default <c>127.0.0.1</c>.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets the first port of the range (inclusive). Required.</summary>
    public int PortRangeStart { get; set; }

    /// <summary>Gets or sets the last port of the range (inclusive). Required; it bounds the number of instances.</summary>
    public int PortRangeEnd { get; set; }

    /// <summary>Gets or sets how a started process is found ready. Default <see cref="ProcessProbeKind.Tcp"/>.</summary>
    public ProcessProbeKind Probe { get; set; } = ProcessProbeKind.Tcp;

    /// <summary>Gets or sets the path of the HTTP probe. Default <c>/</c>.</summary>
    public string ProbePath { get; set; } = "/";

    /// <summary>Gets or sets how long one probe may take. Default 1 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long a process may take to exit after SIGTERM before it gets SIGKILL. Default 10 s.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the file that records the group's processes (pid, port, start time, command line), so a restarted host
    /// adopts them. Must stay the same across restarts and belong to one host. Default:
    /// <c>{temp}/autoscaling/{group}.processes.json</c>.
    /// </summary>
    public string? StateFile { get; set; }
}
