using System.Net;
using AutoScaling.Docker.Client;

namespace AutoScaling.Docker;

/// <summary>Rules shared by the container and swarm options validators.</summary>
internal static class DockerOptionsRules
{
    public static void Host(ValidationMessages m, string? host)
    {
        if (!string.IsNullOrWhiteSpace(host) && !DockerEndpoint.TryParse(host, out _, out var error))
        {
            m.Add("DockerHost", DockerEndpoint.HasUserInfo(host) ? "(an address with user info)" : host, error);
        }
    }

    public static void Port(ValidationMessages m, string field, int port) => m.InRange(field, port, 1, 65535);

    public static void Address(ValidationMessages m, string field, string address)
    {
        if (!IPAddress.TryParse(address, out _))
        {
            m.Add(field, address, "it must be an IP address literal such as 127.0.0.1");
        }
    }

    public static void HealthCheck(ValidationMessages m, string field, DockerHealthCheckOptions health)
    {
        if (health.Test.Count == 0 || health.Test[0] is not ("CMD" or "CMD-SHELL" or "NONE"))
        {
            var first = health.Test.Count == 0 ? string.Empty : health.Test[0];
            m.Add($"{field}:Test:0", first, "the test must start with CMD, CMD-SHELL or NONE");
        }
        else if (health.Test[0] != "NONE" && health.Test.Count < 2)
        {
            m.Add($"{field}:Test", health.Test.Count, "CMD and CMD-SHELL need at least one more element");
        }

        // Docker needs at least 1 ms.
        m.AtLeast($"{field}:Interval", health.Interval, TimeSpan.FromMilliseconds(1));
        m.AtLeast($"{field}:Timeout", health.Timeout, TimeSpan.FromMilliseconds(1));
        m.NotNegative($"{field}:Retries", health.Retries);
        m.NotNegative($"{field}:StartPeriod", health.StartPeriod);
    }
}
