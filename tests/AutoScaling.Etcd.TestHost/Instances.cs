using System.Globalization;
using AutoScaling;

namespace AutoScaling.Etcd.TestHost;

/// <summary>The test host's instances: Docker containers (dockerd is the shared truth) or shared files with an action log.</summary>
internal static class Instances
{
    public static IScalingGroupBuilder Compose(this IScalingGroupBuilder group, bool docker, string[] args)
    {
        var shared = args[0];
        var host = args[1];
        if (!docker)
        {
            return group.UseInstances(_ => new ActionLog(new SharedFileInstances(shared, TimeProvider.System), shared, host, TimeProvider.System));
        }

        // Containers carry the epoch of the leader that created them (label io.autoscaling.epoch): the tests read it there.
        return group.UseDockerContainers(d =>
        {
            d.Image = Environment.GetEnvironmentVariable("AUTOSCALING_DOCKER_TEST_IMAGE") is { Length: > 0 } image ? image : "autoscaling-test:local";
            d.Command = ["httpd", "-f", "-p", "127.0.0.1:{port}", "-h", "/www"];
            d.NamePrefix = args[5] + "-";
            d.OwnerId = args[5];
            d.PortRangeStart = int.Parse(args[6], CultureInfo.InvariantCulture);
            d.PortRangeEnd = d.PortRangeStart + 9;
            d.StopGracePeriod = TimeSpan.FromSeconds(1);
        });
    }
}
