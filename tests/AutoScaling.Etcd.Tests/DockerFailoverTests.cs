using System.Diagnostics;
using AutoScaling.Testing;

namespace AutoScaling.Etcd.Tests;

/// <summary>Two autoscaler hosts on real Docker containers (dockerd is the shared truth) and a real etcd cluster.</summary>
[Collection(EtcdSuite.Name)]
public sealed class DockerFailoverTests
{
    private const int Ttl = 5;

    [SkippableFact]
    public async Task A_killed_leaders_standby_adopts_the_containers_and_adds_only_what_is_missing_under_its_epoch()
    {
        Component.Require(DockerContainers.Available, "dockerd is not running (run ./build.sh setup)");
        var owner = "etcd-" + Guid.NewGuid().ToString("N")[..8];
        using var containers = new DockerContainers(owner);
        using var cluster = await EtcdCluster.StartAsync();
        using var fleet = new HostFleet(cluster.Endpoints, Ttl, "docker", owner, "19850");
        fleet.SetTarget(2);
        fleet.Start("a", "b");
        var max = 0;
        async Task<int> CountAsync()
        {
            var count = (await containers.ListAsync()).Count;
            max = Math.Max(max, count);
            return count;
        }

        Assert.True(await Tools.WaitUntilAsync(async () => await CountAsync() == 2 && fleet.Leader() is not null, TimeSpan.FromSeconds(60)), $"2 containers and a leader not reached\n{fleet.Logs()}");
        var (leader, epoch) = fleet.Leader()!.Value;
        Assert.All(await containers.ListAsync(), c => Assert.Equal(epoch, c.Epoch));

        var clock = Stopwatch.StartNew();
        fleet[leader].Kill();
        fleet.SetTarget(3);
        var taken = await Tools.WaitUntilAsync(async () => { await CountAsync(); return (await containers.ListAsync()).Any(c => c.Epoch > epoch); }, 3 * fleet.Ttl, TimeSpan.FromMilliseconds(100));
        var failover = clock.Elapsed;
        Assert.True(taken, $"no container of a newer epoch within 3 TTL\n{fleet.Logs()}");
        Assert.True(failover < 2 * fleet.Ttl, $"the standby created a container {failover.TotalSeconds:0.00} s after the kill (limit {2 * Ttl} s)");

        Assert.True(await Tools.WaitUntilAsync(async () => await CountAsync() == 3, TimeSpan.FromSeconds(30)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await CountAsync();
        var listed = await containers.ListAsync();
        Assert.Equal(3, max); // the standby adopted the two it found: no double scale-out
        Assert.Equal(2, listed.Count(c => c.Epoch == epoch));
        Assert.Single(listed, c => c.Epoch > epoch);
    }
}
