using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AutoScaling.Docker.Tests;

/// <summary>
/// A minimal Engine API 1.41 on a Unix socket that answers <c>/version</c>, <c>/containers/json</c> and each
/// <c>/containers/{id}/stats</c> with canned readings (the next one per call). Only for the source contracts, whose exact
/// values (42.5 %, 7.5 % at a fixed address) real containers cannot be made to report; the real daemon is tested elsewhere.
/// </summary>
internal sealed class CannedEngine : IDisposable
{
    public const string Group = "contract";
    public const string Owner = "canned";
    private const ulong SystemStep = 1_000_000_000;
    private readonly Socket _listener;
    private readonly Dictionary<string, (int Port, Queue<ulong> CpuTotals)> _containers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Initializes a new instance of the <see cref="CannedEngine"/> class.</summary>
    /// <param name="cpuPercentByPort">Each container's port and the CPU % its second reading gives (8 cores).</param>
    public CannedEngine(IReadOnlyDictionary<int, double> cpuPercentByPort)
    {
        foreach (var (port, percent) in cpuPercentByPort)
        {
            var id = "c" + port.ToString(CultureInfo.InvariantCulture);
            _containers[id] = (port, new Queue<ulong>([1_000_000, 1_000_000 + (ulong)Math.Round(percent / 800 * SystemStep)]));
        }

        Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("as-docker-canned-").FullName, "docker.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(16);
        _ = AcceptAsync();
    }

    public string Host => "unix://" + Path;

    private string Path { get; }

    public void Dispose() => _listener.Dispose();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _ = ServeAsync(await _listener.AcceptAsync());
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        var stream = new NetworkStream(client);
        var pending = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end < 0)
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    continue;
                }

                var request = pending.ToString(0, end);
                pending.Remove(0, end + 4);
                var path = request.Split(' ')[1];
                var body = Answer(path[..(path.IndexOf('?') is var q and >= 0 ? q : path.Length)]);
                var bytes = Encoding.UTF8.GetBytes(body ?? """{"message":"No such container"}""");
                var head = $"HTTP/1.1 {(body is null ? "404 Not Found" : "200 OK")}\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\nContent-Length: {bytes.Length}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(bytes);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private string? Answer(string path)
    {
        if (path.EndsWith("/version", StringComparison.Ordinal))
        {
            return """{"Version":"20.10.24","ApiVersion":"1.41","MinAPIVersion":"1.12","Os":"linux"}""";
        }

        if (path.EndsWith("/containers/json", StringComparison.Ordinal))
        {
            var list = new JsonArray();
            foreach (var (id, c) in _containers)
            {
                list.Add(new JsonObject
                {
                    ["Id"] = id,
                    ["State"] = "running",
                    ["Labels"] = new JsonObject
                    {
                        [ContainerLabels.Group] = Group,
                        [ContainerLabels.Owner] = Owner,
                        [ContainerLabels.Port] = c.Port.ToString(CultureInfo.InvariantCulture),
                    },
                });
            }

            return list.ToJsonString();
        }

        var parts = path.Split('/');
        if (parts.Length >= 2 && parts[^1] == "stats" && _containers.TryGetValue(parts[^2], out var container))
        {
            ulong total;
            ulong system;
            lock (_gate)
            {
                var first = container.CpuTotals.Count > 1;
                total = first ? container.CpuTotals.Dequeue() : container.CpuTotals.Peek();
                system = first ? SystemStep : 2 * SystemStep;
            }

            return new JsonObject
            {
                ["id"] = parts[^2],
                ["cpu_stats"] = new JsonObject { ["cpu_usage"] = new JsonObject { ["total_usage"] = total }, ["system_cpu_usage"] = system, ["online_cpus"] = 8 },
                ["memory_stats"] = new JsonObject { ["usage"] = 300, ["limit"] = 1000, ["stats"] = new JsonObject { ["total_inactive_file"] = 100 } },
            }.ToJsonString();
        }

        return null;
    }
}
