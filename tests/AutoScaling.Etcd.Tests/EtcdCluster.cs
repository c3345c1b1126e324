using System.Globalization;
using AutoScaling.Testing;

namespace AutoScaling.Etcd.Tests;

/// <summary>
/// A real 3-member etcd cluster on 127.0.0.1 ports of this suite's range (19800-19839; 19840-19849 are <see cref="SecureEtcd"/>'s, 19850-19899 its containers'), data in a temporary folder;
/// members are stopped (and restarted) by pid, the folder removed at the end.
/// </summary>
internal sealed class EtcdCluster : IDisposable
{
    public const int Members = 3;
    private static readonly PortRange s_ports = new(19800, 19839);
    private readonly ChildProcess?[] _members = new ChildProcess?[Members];
    private readonly int[] _clientPorts = new int[Members];
    private readonly int[] _peerPorts = new int[Members];
    private readonly string _data = Directory.CreateTempSubdirectory("autoscaling-etcd-").FullName;

    private EtcdCluster()
    {
        for (var i = 0; i < Members; i++)
        {
            _clientPorts[i] = s_ports.Next();
            _peerPorts[i] = s_ports.Next();
        }
    }

    /// <summary>Gets etcd's path, or <see langword="null"/> when etcd-server is not installed.</summary>
    public static string? Executable { get; } = Tools.Find("etcd");

    public IReadOnlyList<string> Endpoints => _clientPorts.Select(p => $"http://127.0.0.1:{p}").ToArray();

    public static async Task<EtcdCluster> StartAsync()
    {
        Component.Require(Executable is not null, "etcd is not installed (run scripts/setup/etcd.sh)");
        var cluster = new EtcdCluster();
        try
        {
            for (var i = 0; i < Members; i++)
            {
                cluster.StartMember(i);
            }

            await cluster.WaitHealthyAsync(Enumerable.Range(0, Members));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Stops one member by its pid (SIGKILL).</summary>
    public void StopMember(int index)
    {
        _members[index]?.Dispose();
        _members[index] = null;
    }

    /// <summary>Starts a stopped member again on its data (it rejoins the cluster) and waits until it is healthy.</summary>
    public async Task RestartMemberAsync(int index)
    {
        StartMember(index);
        await WaitHealthyAsync([index]);
    }

    /// <summary>Waits until every running member answers <c>/health</c> with a leader (bounded: 30 s).</summary>
    public async Task WaitHealthyAsync(IEnumerable<int> members)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        foreach (var i in members)
        {
            var healthy = await Tools.WaitUntilAsync(
                async () =>
                {
                    try
                    {
                        return (await http.GetStringAsync(new Uri($"http://127.0.0.1:{_clientPorts[i]}/health"))).Contains("\"health\":\"true\"", StringComparison.Ordinal);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(30));
            Assert.True(healthy, $"etcd member {i} is not healthy after 30 s:\n{_members[i]?.Output}");
        }
    }

    public void Dispose()
    {
        for (var i = 0; i < Members; i++)
        {
            StopMember(i);
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // a member still writing as it dies; the folder is under the temp folder
        }
    }

    private void StartMember(int i)
    {
        var initial = string.Join(",", Enumerable.Range(0, Members).Select(m => string.Create(CultureInfo.InvariantCulture, $"m{m}=http://127.0.0.1:{_peerPorts[m]}")));
        var client = $"http://127.0.0.1:{_clientPorts[i]}";
        var peer = $"http://127.0.0.1:{_peerPorts[i]}";
        _members[i] = ChildProcess.Start(
            Executable!,
            "--name", "m" + i.ToString(CultureInfo.InvariantCulture),
            "--data-dir", Path.Combine(_data, "m" + i.ToString(CultureInfo.InvariantCulture)),
            "--listen-client-urls", client,
            "--advertise-client-urls", client,
            "--listen-peer-urls", peer,
            "--initial-advertise-peer-urls", peer,
            "--initial-cluster", initial,
            "--initial-cluster-token", "autoscaling-test",
            "--initial-cluster-state", "new",
            "--heartbeat-interval", "100",
            "--election-timeout", "1000",
            "--log-level", "warn");
    }
}
