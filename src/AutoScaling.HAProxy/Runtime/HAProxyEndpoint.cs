using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AutoScaling.HAProxy;

/// <summary>Where HAProxy's runtime API (its <c>stats socket … level admin</c>) listens: a Unix socket or a TCP endpoint.</summary>
internal sealed class HAProxyEndpoint
{
    private HAProxyEndpoint(string? socketPath, IPEndPoint? tcp)
    {
        SocketPath = socketPath;
        Tcp = tcp;
    }

    /// <summary>Gets the Unix socket's path, when the endpoint is a Unix socket.</summary>
    public string? SocketPath { get; }

    /// <summary>Gets the TCP endpoint, when the endpoint is TCP.</summary>
    public IPEndPoint? Tcp { get; }

    /// <summary>Creates an endpoint for a Unix socket (<c>stats socket /run/haproxy/admin.sock mode 600 level admin</c>).</summary>
    /// <param name="path">The socket's path.</param>
    /// <returns>The endpoint.</returns>
    public static HAProxyEndpoint Unix(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new HAProxyEndpoint(path, null);
    }

    /// <summary>Creates an endpoint for a TCP runtime API (<c>stats socket ipv4@127.0.0.1:9999 level admin</c>).</summary>
    /// <param name="endpoint">The IP address and port.</param>
    /// <returns>The endpoint.</returns>
    public static HAProxyEndpoint TcpEndpoint(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new HAProxyEndpoint(null, endpoint);
    }

    /// <summary>Creates an endpoint from <c>host:port</c> text whose host is an IP literal (<c>127.0.0.1:9999</c>, <c>[::1]:9999</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException">The text is not an IP literal and a port.</exception>
    public static HAProxyEndpoint TcpEndpoint(string text) => TcpEndpoint(HAProxyNames.ParseEndPoint(text, nameof(text)));

    /// <inheritdoc/>
    public override string ToString()
        => SocketPath is not null
            ? string.Create(CultureInfo.InvariantCulture, $"unix socket '{SocketPath}'")
            : string.Create(CultureInfo.InvariantCulture, $"TCP endpoint {HAProxyNames.Format(Tcp!)}");

    internal EndPoint ToEndPoint() => SocketPath is not null ? new UnixDomainSocketEndPoint(SocketPath) : Tcp!;

    internal Socket CreateSocket() => SocketPath is not null
        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        : new Socket(Tcp!.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
}
