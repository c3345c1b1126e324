using System.Globalization;

namespace AutoScaling.Prometheus;

/// <summary>An <c>http://HOST:PORT/PATH</c> address split into the <see cref="System.Net.HttpListener"/> prefix and the path served.</summary>
internal readonly record struct ListenerAddress(string Prefix, string Path)
{
    public static bool TryParse(string? url, out ListenerAddress address)
    {
        address = default;
        const string Scheme = "http://";
        if (url is null || !url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = url[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "/" : rest[slash..];
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || authority.EndsWith(']'))
        {
            return false;
        }

        var host = authority[..colon];
        if (!int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        if (host is not ("+" or "*") && Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            return false;
        }

        if (path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal) || path.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        address = new ListenerAddress(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/"), path.Length > 1 ? path.TrimEnd('/') : path);
        return true;
    }
}
