using System.Globalization;
using Docker.DotNet.Models;

namespace AutoScaling.Docker;

/// <summary>Builds the create request of one instance's container from the options.</summary>
internal static class ContainerSpec
{
    public const string PortPlaceholder = "{port}";

    public static string Name(DockerContainerOptions options, string group, int port)
        => string.Create(CultureInfo.InvariantCulture, $"{options.NamePrefix}{group}-{port}");

    public static CreateContainerParameters Create(DockerContainerOptions options, string group, string owner, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var labels = new Dictionary<string, string>(options.Labels, StringComparer.Ordinal)
        {
            [ContainerLabels.Group] = group,
            [ContainerLabels.Owner] = owner,
            [ContainerLabels.Port] = portText,
        };
        if (LeaderFencing.CurrentEpoch > 0)
        {
            labels[ContainerLabels.Epoch] = LeaderFencing.CurrentEpoch.ToString(CultureInfo.InvariantCulture); // which leader created it
        }

        var env = new List<string>(options.Environment.Count + 1);
        foreach (var (key, value) in options.Environment)
        {
            env.Add(key + "=" + Fill(value, portText));
        }

        if (!string.IsNullOrEmpty(options.PortEnvironmentVariable))
        {
            env.Add(options.PortEnvironmentVariable + "=" + portText);
        }

        return new CreateContainerParameters
        {
            Name = Name(options, group, port),
            Image = options.Image,
            Cmd = options.Command.Count == 0 ? null! : Fill(options.Command, portText), // null: the image's own
            Entrypoint = options.Entrypoint.Count == 0 ? null! : Fill(options.Entrypoint, portText),
            Env = env,
            Labels = labels,
            Healthcheck = options.HealthCheck is { } h ? Health(h, portText) : null,
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                Init = true,
                NanoCPUs = options.CpuLimit is { } cpu ? (long)Math.Round(cpu * 1e9) : 0,
                Memory = options.MemoryLimitBytes ?? 0,
            },
        };
    }

    private static HealthcheckConfig Health(DockerHealthCheckOptions h, string port) => new()
    {
        Test = Fill(h.Test, port),
        Interval = h.Interval,
        Timeout = h.Timeout,
        Retries = h.Retries,
        StartPeriod = h.StartPeriod > TimeSpan.Zero ? h.StartPeriod : null,
    };

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
