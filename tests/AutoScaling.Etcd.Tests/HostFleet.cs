using System.Globalization;
using System.Text.Json;
using AutoScaling.Testing;

namespace AutoScaling.Etcd.Tests;

/// <summary>
/// Two or three autoscaler hosts (the AutoScaling.Etcd.TestHost program, built with these tests) as separate processes
/// sharing one folder: the desired count (<c>target</c>), the instances, the actions log and each host's status.
/// </summary>
internal sealed class HostFleet : IDisposable
{
    private readonly string _shared = Directory.CreateTempSubdirectory("autoscaling-hosts-").FullName;
    private readonly Dictionary<string, ChildProcess> _hosts = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _endpoints;
    private readonly int _ttlSeconds;
    private readonly string[] _instances;

    /// <param name="endpoints">The etcd client URLs.</param>
    /// <param name="ttlSeconds">The lease TTL.</param>
    /// <param name="instances">Extra arguments choosing the instances: none for shared files, or <c>docker OWNER FIRST-PORT</c>.</param>
    public HostFleet(IReadOnlyList<string> endpoints, int ttlSeconds, params string[] instances)
    {
        _endpoints = endpoints;
        _ttlSeconds = ttlSeconds;
        _instances = instances;
    }

    public TimeSpan Ttl => TimeSpan.FromSeconds(_ttlSeconds);

    public IEnumerable<string> Names => _hosts.Keys;

    /// <summary>Gets the program: beside these tests' output, in the test host's own output folder of the same configuration.</summary>
    private static string Program
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            var configuration = tfm.Parent!.Name;
            var tests = tfm.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(tests, "AutoScaling.Etcd.TestHost", "bin", configuration, tfm.Name, "AutoScaling.Etcd.TestHost");
        }
    }

    public void Start(params string[] names)
    {
        foreach (var name in names)
        {
            File.Delete(StatusFile(name));
            if (_hosts.Remove(name, out var previous))
            {
                previous.Dispose();
            }

            _hosts[name] = ChildProcess.Start(Program, [_shared, name, string.Join(",", _endpoints), _ttlSeconds.ToString(CultureInfo.InvariantCulture), .. _instances]);
        }
    }

    public ChildProcess this[string name] => _hosts[name];

    /// <summary>Gives one host (before <see cref="Start"/>) etcd settings beyond the endpoints: TLS files, credentials.</summary>
    public void Configure(string name, IReadOnlyDictionary<string, string> etcd)
        => File.WriteAllText(Path.Combine(_shared, $"etcd-{name}.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["Etcd"] = etcd }));

    /// <summary>Sets the desired count every host reads (replaced whole, so no host reads half a write).</summary>
    public void SetTarget(int count)
    {
        var target = Path.Combine(_shared, "target");
        File.WriteAllText(target + ".tmp", count.ToString(CultureInfo.InvariantCulture));
        File.Move(target + ".tmp", target, overwrite: true);
    }

    public int InstanceCount => Directory.Exists(Path.Combine(_shared, "instances")) ? Directory.GetFiles(Path.Combine(_shared, "instances")).Length : 0;

    /// <summary>Reads the actions every host appended (epoch, host, action, instance, Unix ms), in order.</summary>
    public IReadOnlyList<HostAction> Actions
    {
        get
        {
            var log = Path.Combine(_shared, "actions.log");
            if (!File.Exists(log))
            {
                return [];
            }

            return File.ReadAllLines(log).Where(l => l.Length > 0).Select(l =>
            {
                var f = l.Split(' ');
                return new HostAction(long.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], f[3], long.Parse(f[4], CultureInfo.InvariantCulture));
            }).ToArray();
        }
    }

    /// <summary>Gets the running host that reports itself leader (as of its last tick), with its epoch.</summary>
    public (string Host, long Epoch)? Leader()
    {
        foreach (var (name, process) in _hosts)
        {
            if (process.HasExited)
            {
                continue; // its last status file stays behind
            }

            var text = File.Exists(StatusFile(name)) ? ReadShared(StatusFile(name)) : string.Empty;
            if (text.StartsWith("leader ", StringComparison.Ordinal))
            {
                return (name, long.Parse(text[7..], CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>Waits (bounded) until one host leads and the instance count is <paramref name="count"/>.</summary>
    public async Task<(string Host, long Epoch)> SettledAsync(int count, TimeSpan limit)
    {
        var settled = await Tools.WaitUntilAsync(() => Task.FromResult(Leader() is not null && InstanceCount == count), limit, TimeSpan.FromMilliseconds(50));
        Assert.True(settled, $"not settled at {count} instances within {limit} (count {InstanceCount}, leader {Leader()}):\n{Logs()}");
        return Leader()!.Value;
    }

    public string Logs() => string.Join("\n", _hosts.Select(h => $"--- {h.Key} (pid {h.Value.Pid})\n{h.Value.Output}"));

    public void Dispose()
    {
        foreach (var host in _hosts.Values)
        {
            host.Dispose();
        }

        Directory.Delete(_shared, recursive: true);
    }

    private static string ReadShared(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty; // replaced while read
        }
    }

    private string StatusFile(string name) => Path.Combine(_shared, "status-" + name);
}

/// <summary>One provider call a host made: the fencing token it was made under, the host, the call, the instance, when (Unix ms).</summary>
internal sealed record HostAction(long Epoch, string Host, string Action, string Instance, long UnixMs);
