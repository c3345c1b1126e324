using System.Globalization;
using AutoScaling.Docker.Client;

namespace AutoScaling.Docker;

/// <summary>Builds the create request of one instance's container from the options.</summary>
internal static class ContainerSpec
{
    public const string PortPlaceholder = "{port}";

    public static string Name(DockerContainerOptions options, string group, int port)
        => string.Create(CultureInfo.InvariantCulture, $"{options.NamePrefix}{group}-{port}");

    public static ContainerCreateRequest Create(DockerContainerOptions options, string group, string owner, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal)
        {
            [ContainerLabels.Group] = group,
            [ContainerLabels.Owner] = owner,
            [ContainerLabels.Port] = portText,
        };

        var env = new List<string>(options.Environment.Count + 1);
        foreach (var (key, value) in options.Environment)
        {
            env.Add(key + "=" + Fill(value, portText));
        }

        if (!string.IsNullOrEmpty(options.PortEnvironmentVariable))
        {
            env.Add(options.PortEnvironmentVariable + "=" + portText);
        }

        return new ContainerCreateRequest
        {
            Image = options.Image,
            Cmd = options.Command.Count == 0 ? null : Fill(options.Command, portText),
            Entrypoint = options.Entrypoint.Count == 0 ? null : Fill(options.Entrypoint, portText),
            Env = env,
            Labels = labels,
            Healthcheck = options.HealthCheck is { } h ? Health(h, portText) : null,
            HostConfig = new ContainerHostConfig
            {
                NetworkMode = "host",
                Init = true,
                NanoCpus = options.CpuLimit is { } cpu ? (long)Math.Round(cpu * 1e9) : null,
                Memory = options.MemoryLimitBytes,
            },
        };
    }

    private static HealthConfig Health(DockerHealthCheckOptions h, string port) => new()
    {
        Test = Fill(h.Test, port),
        Interval = Nanoseconds(h.Interval),
        Timeout = Nanoseconds(h.Timeout),
        Retries = h.Retries,
        StartPeriod = h.StartPeriod > TimeSpan.Zero ? Nanoseconds(h.StartPeriod) : null,
    };

    private static long Nanoseconds(TimeSpan value) => value.Ticks * 100;

    private static string Fill(string value, string port) => value.Replace(PortPlaceholder, port, StringComparison.Ordinal);

    private static List<string> Fill(IList<string> values, string port)
    {
        var list = new List<string>(values.Count);
        foreach (var v in values)
        {
            list.Add(Fill(v, port));
        }

        return list;
    }
}
