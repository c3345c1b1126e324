using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AutoScaling.HAProxy;

/// <summary>
/// One runtime API command, built only from validated names, IP literals and numbers, so that no input can add a
/// second command. Each command knows the reply HAProxy gives on success; any other reply is an error.
/// </summary>
internal sealed class HAProxyCommand
{
    private HAProxyCommand(string text, HAProxyReplyKind expected)
    {
        Text = text;
        Expected = expected;
    }

    /// <summary>Gets the command line, without the final newline.</summary>
    public string Text { get; }

    internal HAProxyReplyKind Expected { get; }

    /// <summary><c>add server be/name ip:port [maxconn n] [check inter …ms rise … fall … downinter …ms [slowstart …ms]]</c>: the server starts in maintenance.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="server">The new server's name.</param>
    /// <param name="address">The server's address.</param>
    /// <param name="check">The health check, or <see langword="null"/> for none.</param>
    /// <param name="maxConnections">The server's <c>maxconn</c> (HAProxy queues beyond it), or 0 for no limit.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand AddServer(string backend, string server, IPEndPoint address, HAProxyCheckOptions? check, int maxConnections = 0)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(maxConnections);
        var text = $"add server {Target(backend, server)} {HAProxyNames.Format(address)}";
        if (maxConnections > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" maxconn {maxConnections}");
        }

        if (check is { Enabled: true })
        {
            check.Require();
            text += string.Create(CultureInfo.InvariantCulture, $" check inter {(long)check.Interval.TotalMilliseconds}ms rise {check.Rise} fall {check.Fall} downinter {(long)check.DownInterval.TotalMilliseconds}ms");
            if (check.SlowStart > TimeSpan.Zero)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" slowstart {(long)check.SlowStart.TotalMilliseconds}ms");
            }
        }

        return new(text, HAProxyReplyKind.ServerRegistered);
    }

    /// <summary><c>del server be/name</c>: only a server in maintenance without connections can be deleted.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="server">The server.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand DeleteServer(string backend, string server) => new($"del server {Target(backend, server)}", HAProxyReplyKind.ServerDeleted);

    /// <summary><c>enable health be/name</c>: starts the server's health checks.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="server">The server.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand EnableHealth(string backend, string server) => new($"enable health {Target(backend, server)}", HAProxyReplyKind.Empty);

    /// <summary><c>set server be/name state ready|drain|maint</c>.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="server">The server.</param>
    /// <param name="state">The administrative state.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand SetState(string backend, string server, HAProxyAdminCommandState state)
    {
        var word = state switch
        {
            HAProxyAdminCommandState.Ready => "ready",
            HAProxyAdminCommandState.Drain => "drain",
            HAProxyAdminCommandState.Maintenance => "maint",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown state."),
        };
        return new($"set server {Target(backend, server)} state {word}", HAProxyReplyKind.Empty);
    }

    /// <summary><c>set server be/name health down</c>: no traffic until the next good check.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="server">The server.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand SetHealthDown(string backend, string server) => new($"set server {Target(backend, server)} health down", HAProxyReplyKind.Empty);

    /// <summary><c>set server be/name addr ip port n</c>: points a server (a <c>server-template</c> slot) at an address.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="server">The server.</param>
    /// <param name="address">The address; <c>0.0.0.0:0</c> frees a slot (built with <see cref="IPAddress.Any"/> and port 0).</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand SetAddress(string backend, string server, IPEndPoint address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.Address.ScopeId != 0))
        {
            throw new ArgumentException("The address must be an IPv4 or IPv6 literal without a zone.", nameof(address));
        }

        return new(string.Create(CultureInfo.InvariantCulture, $"set server {Target(backend, server)} addr {address.Address} port {address.Port}"), HAProxyReplyKind.AddressChanged);
    }

    /// <summary><c>shutdown sessions server be/name</c>: cuts the server's remaining sessions.</summary>
    /// <param name="backend">The backend.</param>
    /// <param name="server">The server.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand ShutdownSessions(string backend, string server) => new($"shutdown sessions server {Target(backend, server)}", HAProxyReplyKind.Empty);

    /// <summary><c>show servers state be</c>: the servers' addresses and states.</summary>
    /// <param name="backend">The backend.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand ShowServersState(string backend) => new($"show servers state {HAProxyNames.RequireName(backend, "backend")}", HAProxyReplyKind.ServersState);

    /// <summary><c>show stat be 6 -1</c>: the CSV statistics of the backend and its servers.</summary>
    /// <param name="backend">The backend.</param>
    /// <returns>The command.</returns>
    public static HAProxyCommand ShowStat(string backend) => new($"show stat {HAProxyNames.RequireName(backend, "backend")} 6 -1", HAProxyReplyKind.Stat);

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static string Target(string backend, string server)
        => HAProxyNames.RequireName(backend, "backend") + "/" + HAProxyNames.RequireName(server, "server");
}

/// <summary>An administrative state a command can set on a server.</summary>
internal enum HAProxyAdminCommandState
{
    /// <summary><c>state ready</c>: in service.</summary>
    Ready = 0,

    /// <summary><c>state drain</c>: no new requests; current ones finish.</summary>
    Drain = 1,

    /// <summary><c>state maint</c>: out of service.</summary>
    Maintenance = 2,
}

internal enum HAProxyReplyKind
{
    Empty,
    ServerRegistered,
    ServerDeleted,
    AddressChanged,
    ServersState,
    Stat,
}
