namespace AutoScaling.Etcd.Tests;

/// <summary>A fresh 3-member etcd cluster and autoscaler hosts on it, settled: one leads and the target is reached.</summary>
internal sealed class EtcdScenario : IDisposable
{
    private EtcdScenario(EtcdCluster cluster, HostFleet fleet)
    {
        Cluster = cluster;
        Fleet = fleet;
    }

    public EtcdCluster Cluster { get; }

    public HostFleet Fleet { get; }

    public string Leader { get; private set; } = string.Empty;

    public long Epoch { get; private set; }

    public static async Task<EtcdScenario> StartAsync(int target, int ttlSeconds, params string[] hosts)
    {
        var cluster = await EtcdCluster.StartAsync();
        var scenario = new EtcdScenario(cluster, new HostFleet(cluster.Endpoints, ttlSeconds));
        try
        {
            scenario.Fleet.SetTarget(target);
            scenario.Fleet.Start(hosts);
            (scenario.Leader, scenario.Epoch) = await scenario.Fleet.SettledAsync(target, TimeSpan.FromSeconds(30));
            return scenario;
        }
        catch
        {
            scenario.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Fleet.Dispose();
        Cluster.Dispose();
    }
}
