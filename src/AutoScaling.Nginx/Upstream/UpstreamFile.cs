using System.Globalization;
using System.Text;

namespace AutoScaling.Nginx;

/// <summary>One server of the owned upstream: its address and whether it is marked <c>down</c> (drained).</summary>
internal readonly record struct UpstreamServer(string Address, bool Down);

/// <summary>
/// The owned file's text: written from the options and the servers, read back for the servers only (the file is the
/// truth of what the library registered). Every token written has passed <see cref="NginxSyntax"/>, so no value can
/// close the block or start a directive.
/// </summary>
internal static class UpstreamFile
{
    // NGINX refuses an upstream without servers; this one is never contacted and never listed.
    private const string Placeholder = "server 127.0.0.1:9 down; # placeholder: an upstream needs one server";

    public static string Render(NginxUpstreamOptions options, IReadOnlyList<UpstreamServer> servers)
    {
        var text = new StringBuilder();
        text.Append("# Owned by AutoScaling.Nginx: rewritten on every change; change the group's options, not this file.\n");
        text.Append("upstream ").Append(options.Upstream).Append(" {\n");
        switch (options.Balancing)
        {
            case NginxBalancing.LeastConnections:
                text.Append("    least_conn;\n");
                break;
            case NginxBalancing.IpHash:
                text.Append("    ip_hash;\n");
                break;
            case NginxBalancing.Hash:
                text.Append("    hash ").Append(options.HashKey).Append(options.HashConsistent ? " consistent;\n" : ";\n");
                break;
            default:
                break;
        }

        var parameters = Parameters(options.Server);
        foreach (var server in servers)
        {
            text.Append("    server ").Append(server.Address).Append(parameters).Append(server.Down ? " down;\n" : ";\n");
        }

        if (servers.Count == 0)
        {
            text.Append("    ").Append(Placeholder).Append('\n');
        }

        return text.Append("}\n").ToString();
    }

    public static List<UpstreamServer> Parse(string text)
    {
        var servers = new List<UpstreamServer>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("server ", StringComparison.Ordinal) || line == Placeholder)
            {
                continue;
            }

            var tokens = line.TrimEnd(';').Split(' ', StringSplitOptions.RemoveEmptyEntries);
            servers.Add(new UpstreamServer(tokens[1], tokens[^1] == "down"));
        }

        return servers;
    }

    private static string Parameters(NginxServerParameters p)
    {
        var text = new StringBuilder();
        if (p.Weight is { } weight)
        {
            text.Append(CultureInfo.InvariantCulture, $" weight={weight}");
        }

        if (p.MaxFails is { } maxFails)
        {
            text.Append(CultureInfo.InvariantCulture, $" max_fails={maxFails}");
        }

        if (p.FailTimeout is { } failTimeout)
        {
            text.Append(CultureInfo.InvariantCulture, $" fail_timeout={(long)failTimeout.TotalMilliseconds}ms");
        }

        if (p.MaxConnections is { } maxConns)
        {
            text.Append(CultureInfo.InvariantCulture, $" max_conns={maxConns}");
        }

        if (p.SlowStart is { } slowStart)
        {
            text.Append(CultureInfo.InvariantCulture, $" slow_start={(long)slowStart.TotalMilliseconds}ms");
        }

        return text.ToString();
    }
}
