using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AutoScaling.HAProxy;

/// <summary>
/// The only text that goes into a runtime API command: names matching <c>^[A-Za-z0-9_.:-]+$</c> and IP literals.
/// HAProxy runs a second command after <c>;</c> or a newline, so anything else is refused before a command is built.
/// </summary>
internal static partial class HAProxyNames
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Gets a value indicating whether <paramref name="name"/> is a valid backend or server name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it matches <c>^[A-Za-z0-9_.:-]+$</c> and is at most <see cref="MaxLength"/> characters.</returns>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name);

    /// <summary>Throws unless <paramref name="name"/> is a valid backend or server name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="field">What the name is, for the message (<c>server</c>, <c>backend</c>).</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">The name is empty, too long or has a character outside <c>[A-Za-z0-9_.:-]</c>.</exception>
    public static string RequireName(string? name, string field)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The HAProxy {field} name {Quote(name)} is refused: it must match ^[A-Za-z0-9_.:-]+$ and have 1 to {MaxLength} characters."),
                field);
        }

        return name!;
    }

    /// <summary>Parses an IP literal: four dotted decimal parts, or an IPv6 address without a zone.</summary>
    /// <param name="text">The text.</param>
    /// <param name="address">The address.</param>
    /// <returns><see langword="true"/> when the text is an IP literal.</returns>
    public static bool TryParseIpLiteral(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Length > 45)
        {
            return false;
        }

        if (Ipv4Pattern().IsMatch(text))
        {
            return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetwork;
        }

        return text.Contains(':', StringComparison.Ordinal)
            && Ipv6Pattern().IsMatch(text)
            && IPAddress.TryParse(text, out address!)
            && address.AddressFamily == AddressFamily.InterNetworkV6
            && address.ScopeId == 0;
    }

    /// <summary>Parses <c>ip:port</c> (or <c>[ipv6]:port</c>) whose host is an IP literal.</summary>
    /// <param name="text">The text, for example <c>127.0.0.1:19201</c>.</param>
    /// <param name="field">What the text is, for the message.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="ArgumentException">The text is not an IP literal and a port from 1 to 65535.</exception>
    public static IPEndPoint ParseEndPoint(string? text, string field)
    {
        if (TryParseEndPoint(text, out var endpoint))
        {
            return endpoint;
        }

        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The address {Quote(text)} is refused: it must be an IP literal and a port, as 127.0.0.1:8080 or [::1]:8080 (host names are not accepted)."),
            field);
    }

    /// <summary>Tries to parse <c>ip:port</c> (or <c>[ipv6]:port</c>) whose host is an IP literal.</summary>
    /// <param name="text">The text.</param>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns><see langword="true"/> when the text is valid.</returns>
    public static bool TryParseEndPoint(string? text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        string host, port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                return false;
            }

            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (!TryParseIpLiteral(host, out var address)
            || port.Length is 0 or > 5
            || !port.All(char.IsAsciiDigit)
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > 65535)
        {
            return false;
        }

        endpoint = new IPEndPoint(address, number);
        return true;
    }

    /// <summary>Formats an endpoint as HAProxy and <see cref="ScalingInstance.Address"/> write it: <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The text.</returns>
    public static string Format(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{endpoint.Address}]:{endpoint.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{endpoint.Address}:{endpoint.Port}");
    }

    private static string Quote(string? value) => ValidationMessages.Quote(value);

    [GeneratedRegex("^[A-Za-z0-9_.:-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex("^[0-9A-Fa-f:.]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Pattern();
}
