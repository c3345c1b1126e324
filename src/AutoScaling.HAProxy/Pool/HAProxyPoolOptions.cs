namespace AutoScaling.HAProxy;

/// <summary>Settings shared by everything that manages one HAProxy backend: where the runtime API is, which backend, checks and drain.</summary>
public class HAProxyPoolOptions
{
    /// <summary>Gets or sets the runtime API's Unix socket path (<c>stats socket … level admin</c>). Set this or <see cref="TcpEndpoint"/>.</summary>
    public string? SocketPath { get; set; }

    /// <summary>Gets or sets the runtime API's TCP endpoint as <c>ip:port</c> (<c>stats socket ipv4@127.0.0.1:9999 level admin</c>). Set this or <see cref="SocketPath"/>.</summary>
    public string? TcpEndpoint { get; set; }

    /// <summary>Gets or sets the backend's name. It must use a dynamic algorithm (<c>roundrobin</c>, <c>leastconn</c>, <c>first</c>, <c>random</c>) to add servers.</summary>
    public string Backend { get; set; } = string.Empty;

    /// <summary>Gets the health check of the servers this library adds or enables.</summary>
    public HAProxyCheckOptions Check { get; } = new();

    /// <summary>
    /// Gets or sets the <c>maxconn</c> of the servers this library adds (0, the default: no limit). HAProxy queues the
    /// requests beyond it instead of overrunning a backend with a short accept queue.
    /// </summary>
    public int ServerMaxConnections { get; set; }

    /// <summary>Gets or sets how long a draining server may keep sessions before <c>shutdown sessions server</c> cuts them (1 s to 1 hour).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often sessions and states are polled while waiting (10 ms to 10 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Gets or sets how long one runtime API exchange may take (100 ms to 5 min).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Creates the runtime API endpoint from <see cref="SocketPath"/> or <see cref="TcpEndpoint"/>.</summary>
    /// <returns>The endpoint.</returns>
    /// <exception cref="InvalidOperationException">Neither or both are set.</exception>
    internal HAProxyEndpoint CreateEndpoint() => HAProxyEndpointRules.Create(SocketPath, TcpEndpoint);

    internal void ValidateCommon(ValidationMessages m)
    {
        HAProxyEndpointRules.Validate(m, SocketPath, TcpEndpoint);
        if (!HAProxyNames.IsValidName(Backend))
        {
            m.Add(nameof(Backend), Backend, "it must match ^[A-Za-z0-9_.:-]+$");
        }

        Check.Validate(m, "Check:");
        m.InRange(nameof(ServerMaxConnections), ServerMaxConnections, 0, 1_000_000);
        m.InRange(nameof(DrainTimeout), DrainTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        m.InRange(nameof(PollInterval), PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10));
        m.InRange(nameof(CommandTimeout), CommandTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
    }

    /// <summary>Kept for <c>HAProxyBackendOptionsValidator</c>, which is being reworked elsewhere; new code calls <see cref="ValidationMessages.InRange{T}"/>.</summary>
    internal static void Range(ValidationMessages m, string field, TimeSpan value, TimeSpan min, TimeSpan max) => m.InRange(field, value, min, max);
}
