using AutoScaling.Testing;

namespace AutoScaling.Host.Tests.EndToEnd;

/// <summary>One line of haproxy's <c>show servers state</c>: a server's name, address, port and states.</summary>
/// <param name="Name">The server's name.</param>
/// <param name="Address">Its IP.</param>
/// <param name="Port">Its port.</param>
/// <param name="OperationalState">0 stopped, 1 starting, 2 running, 3 stopping.</param>
/// <param name="AdminState">Bits: 1 forced maintenance, 4 config maintenance, 8 forced drain; 0 in service.</param>
internal sealed record HAProxyBackendServer(string Name, string Address, int Port, int OperationalState, int AdminState)
{
    /// <summary>Gets a value indicating whether it is up and in service (takes requests).</summary>
    public bool InService => OperationalState == 2 && AdminState == 0;

    public override string ToString() => $"{Name} {Address}:{Port} op {OperationalState} admin {AdminState}";

    /// <summary>Every server of <paramref name="backend"/>, columns mapped by the header's names.</summary>
    public static async Task<List<HAProxyBackendServer>> ListAsync(HAProxyServer haproxy, string backend)
    {
        // "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ... srv_port ...\n3 web 1 as-127.0.0.1-17100 127.0.0.1 2 0 ..."
        var lines = (await haproxy.CommandAsync("show servers state " + backend)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines.FirstOrDefault(l => l.StartsWith("# be_id", StringComparison.Ordinal))?[2..].Split(' ');
        if (header is null)
        {
            throw new InvalidOperationException($"haproxy answered 'show servers state {backend}' with: {string.Join(" | ", lines)}");
        }

        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"no column {name} in: {string.Join(' ', header)}");
        var (name, address, op, admin, port) = (Column("srv_name"), Column("srv_addr"), Column("srv_op_state"), Column("srv_admin_state"), Column("srv_port"));
        return [.. lines
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > port && f[1] == backend)
            .Select(f => new HAProxyBackendServer(f[name], f[address], int.Parse(f[port], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[op], System.Globalization.CultureInfo.InvariantCulture), int.Parse(f[admin], System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
