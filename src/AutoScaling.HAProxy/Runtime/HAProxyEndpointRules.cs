namespace AutoScaling.HAProxy;

/// <summary>The one way options name the runtime API: exactly one of a Unix socket path and a TCP <c>ip:port</c>.</summary>
internal static class HAProxyEndpointRules
{
    /// <summary>Creates the endpoint from the two settings.</summary>
    /// <param name="socketPath">The Unix socket's path, or nothing.</param>
    /// <param name="tcpEndpoint">The TCP endpoint's <c>ip:port</c>, or nothing.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="InvalidOperationException">Neither or both are set.</exception>
    public static HAProxyEndpoint Create(string? socketPath, string? tcpEndpoint)
        => (!string.IsNullOrWhiteSpace(socketPath), !string.IsNullOrWhiteSpace(tcpEndpoint)) switch
        {
            (true, false) => HAProxyEndpoint.Unix(socketPath!),
            (false, true) => HAProxyEndpoint.TcpEndpoint(tcpEndpoint!),
            _ => throw new InvalidOperationException("Set exactly one of SocketPath and TcpEndpoint for the HAProxy runtime API."),
        };

    /// <summary>Records what is wrong with the two settings.</summary>
    /// <param name="m">The messages.</param>
    /// <param name="socketPath">The Unix socket's path, or nothing.</param>
    /// <param name="tcpEndpoint">The TCP endpoint's <c>ip:port</c>, or nothing.</param>
    public static void Validate(ValidationMessages m, string? socketPath, string? tcpEndpoint)
    {
        var hasSocket = !string.IsNullOrWhiteSpace(socketPath);
        var hasTcp = !string.IsNullOrWhiteSpace(tcpEndpoint);
        if (hasSocket == hasTcp)
        {
            m.Add("SocketPath", socketPath, $"set exactly one of SocketPath and TcpEndpoint (TcpEndpoint is {ValidationMessages.Quote(tcpEndpoint)})");
        }

        if (hasTcp && !HAProxyNames.TryParseEndPoint(tcpEndpoint, out _))
        {
            m.Add("TcpEndpoint", tcpEndpoint, "it must be an IP literal and a port, as 127.0.0.1:9999");
        }
    }
}
