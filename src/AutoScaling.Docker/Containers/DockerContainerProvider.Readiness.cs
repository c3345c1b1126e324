using System.Globalization;
using Docker.DotNet.Models;

namespace AutoScaling.Docker;

/// <content>Deciding a container's state: running, healthy (Docker health), answering the probe.</content>
public sealed partial class DockerContainerProvider
{
    private async Task<ScalingInstance?> DescribeAsync(ContainerListResponse container, CancellationToken cancellationToken)
    {
        var created = new DateTimeOffset(container.Created.ToUniversalTime());
        if (!ContainerLabels.TryGetPort(container.Labels, out var port))
        {
            return new ScalingInstance(container.ID, null, InstanceState.Failed, created)
            {
                FailureReason = $"the container has no valid '{ContainerLabels.Port}' label",
            };
        }

        var name = container.Names is [var first, ..] ? first : null;
        if (container.State == "running" && _ready.ContainsKey(container.ID))
        {
            // Known ready: the listing's status text carries Docker's health ("Up 5 minutes (unhealthy)").
            return container.Status?.Contains("(unhealthy)", StringComparison.Ordinal) == true
                ? ToInstance(container.ID, name, port, InstanceState.Failed, created, "Docker health check failing")
                : ToInstance(container.ID, name, port, InstanceState.Active, created);
        }

        var inspect = await Wrap(() => _docker.InspectContainerAsync(container.ID, cancellationToken), "inspect container", port).ConfigureAwait(false);
        if (inspect is null)
        {
            return null; // removed since the listing
        }

        var (state, reason) = await EvaluateAsync(inspect, port, cancellationToken).ConfigureAwait(false);
        if (state == InstanceState.Active)
        {
            _ready.TryAdd(container.ID, 0);
        }

        // How long a starting container may take is the controller's to decide (its one start deadline): only the reason is told.
        return ToInstance(container.ID, name, port, state, new DateTimeOffset(inspect.Created.ToUniversalTime()), state == InstanceState.Active ? null : reason);
    }

    private async Task<(InstanceState State, string? Reason)> EvaluateAsync(ContainerInspectResponse inspect, int port, CancellationToken cancellationToken)
    {
        var state = inspect.State;
        switch (state?.Status)
        {
            case "running":
                switch (state.Health?.Status)
                {
                    case "unhealthy":
                        return (InstanceState.Failed, "Docker health check failing" + LastHealthOutput(state.Health));
                    case "starting":
                        return (InstanceState.Starting, "Docker health status is 'starting'" + LastHealthOutput(state.Health));
                }

                var probe = await _probe.CheckAsync(port, cancellationToken).ConfigureAwait(false);
                return probe is null ? (InstanceState.Active, null) : (InstanceState.Starting, probe);
            case "created":
            case "restarting":
                return (InstanceState.Starting, "container is " + state.Status);
            case "exited":
            case "dead":
                var detail = string.Create(CultureInfo.InvariantCulture, $"container {state.Status} with code {state.ExitCode}");
                if (state.OOMKilled)
                {
                    detail += " (out of memory)";
                }

                return (InstanceState.Failed, string.IsNullOrEmpty(state.Error) ? detail : detail + ": " + state.Error);
            case "removing":
                return (InstanceState.Draining, "container is being removed");
            default:
                return (InstanceState.Failed, "container is " + (state?.Status ?? "in an unknown state"));
        }
    }

    private static string LastHealthOutput(Health health)
    {
        if (health.Log is not [.., var last])
        {
            return string.Empty;
        }

        var output = (last.Output ?? string.Empty).Trim();
        if (output.Length > 200)
        {
            output = output[..200];
        }

        return string.Create(CultureInfo.InvariantCulture, $" (last check exit code {last.ExitCode}{(output.Length > 0 ? ": " + output : string.Empty)})");
    }
}
