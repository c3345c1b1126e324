using System.Globalization;

namespace AutoScaling.HAProxy;

/// <summary>Parses <c>show servers state</c> and <c>show stat</c> replies, mapping columns by the header's names.</summary>
internal static class HAProxyReplyParser
{
    /// <summary>Parses a <c>show servers state</c> reply (version line <c>1</c>, a <c># be_id be_name …</c> header, space-separated rows).</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>The servers.</returns>
    /// <exception cref="FormatException">The reply is not in the expected format.</exception>
    public static IReadOnlyList<HAProxyServerState> ParseServersState(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] != "1")
        {
            throw new FormatException($"'show servers state' reply does not start with version 1: '{First(reply)}'.");
        }

        if (lines.Length == 1)
        {
            return [];
        }

        if (!lines[1].StartsWith("# ", StringComparison.Ordinal))
        {
            throw new FormatException($"'show servers state' reply has no '# be_id …' header: '{lines[1]}'.");
        }

        var columns = Columns(lines[1][2..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        int be = Need(columns, "be_name"), id = Need(columns, "srv_id"), name = Need(columns, "srv_name"), addr = Need(columns, "srv_addr");
        int op = Need(columns, "srv_op_state"), admin = Need(columns, "srv_admin_state"), weight = Need(columns, "srv_uweight");
        int since = Need(columns, "srv_time_since_last_change"), health = Need(columns, "srv_check_health"), checkState = Need(columns, "srv_check_state"), port = Need(columns, "srv_port");

        var servers = new List<HAProxyServerState>(lines.Length - 2);
        for (var i = 2; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#'))
            {
                continue;
            }

            var f = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < columns.Count)
            {
                throw new FormatException($"'show servers state' row has {f.Length} fields, the header {columns.Count}: '{lines[i]}'.");
            }

            servers.Add(new HAProxyServerState(
                f[be],
                Int(f[id], "srv_id"),
                f[name],
                f[addr],
                Int(f[port], "srv_port"),
                (HAProxyOperationalState)Int(f[op], "srv_op_state"),
                (HAProxyAdminState)Int(f[admin], "srv_admin_state"),
                Int(f[weight], "srv_uweight"),
                Long(f[since], "srv_time_since_last_change"),
                Int(f[health], "srv_check_health"),
                Int(f[checkState], "srv_check_state")));
        }

        return servers;
    }

    /// <summary>Parses the server rows of a <c>show stat</c> CSV reply (frontend rows are skipped; backend rows unless asked for).</summary>
    /// <param name="reply">The reply, starting with <c># pxname,svname,…</c>.</param>
    /// <param name="includeBackend">Whether the backend's own row is returned too (<see cref="HAProxyServerStat.IsBackend"/>).</param>
    /// <returns>The servers' statistics.</returns>
    /// <exception cref="FormatException">The reply is not in the expected format.</exception>
    public static IReadOnlyList<HAProxyServerStat> ParseStat(string reply, bool includeBackend = false)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("# pxname,", StringComparison.Ordinal))
        {
            throw new FormatException($"'show stat' reply has no '# pxname,…' header: '{First(reply)}'.");
        }

        var columns = Columns(lines[0][2..].Split(','));
        int px = Need(columns, "pxname"), sv = Need(columns, "svname"), scur = Need(columns, "scur"), qcur = Need(columns, "qcur");
        int status = Need(columns, "status"), weight = Need(columns, "weight"), type = Need(columns, "type");
        var rate = columns.GetValueOrDefault("rate", -1);
        var reqTot = columns.GetValueOrDefault("req_tot", -1);
        var rtime = columns.GetValueOrDefault("rtime", -1);
        var check = columns.GetValueOrDefault("check_status", -1);
        var addr = columns.GetValueOrDefault("addr", -1);
        var stot = columns.GetValueOrDefault("stot", -1);

        var stats = new List<HAProxyServerStat>();
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length <= type)
            {
                throw new FormatException($"'show stat' row has {f.Length} fields, fewer than the header names: '{lines[i]}'.");
            }

            var isBackend = f[type] == "1";
            if (f[type] != "2" && !(includeBackend && isBackend))
            {
                continue; // 0 frontend, 1 backend, 2 server, 3 listener
            }

            stats.Add(new HAProxyServerStat(
                f[px],
                f[sv],
                OptionalLong(f, scur) ?? 0,
                OptionalLong(f, qcur) ?? 0,
                f[status],
                OptionalLong(f, weight) ?? 0,
                OptionalLong(f, rate) ?? 0,
                OptionalLong(f, reqTot),
                OptionalLong(f, rtime),
                check >= 0 && check < f.Length ? f[check] : string.Empty,
                addr >= 0 && addr < f.Length ? f[addr] : string.Empty,
                OptionalLong(f, stot) ?? 0,
                isBackend));
        }

        return stats;
    }

    private static Dictionary<string, int> Columns(string[] names)
    {
        var columns = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length > 0)
            {
                columns.TryAdd(names[i], i);
            }
        }

        return columns;
    }

    private static int Need(Dictionary<string, int> columns, string name)
        => columns.TryGetValue(name, out var index) ? index : throw new FormatException($"The reply's header has no '{name}' column.");

    private static int Int(string text, string column)
        => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"'{column}' is '{text}', not an integer.");

    private static long Long(string text, string column)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"'{column}' is '{text}', not an integer.");

    private static long? OptionalLong(string[] fields, int index)
        => index >= 0 && index < fields.Length && long.TryParse(fields[index], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string First(string reply)
    {
        var newline = reply.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? reply : reply[..newline];
    }
}
