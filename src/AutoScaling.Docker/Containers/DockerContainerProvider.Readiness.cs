using System.Globalization;
using AutoScaling.Docker.Client;

namespace AutoScaling.Docker;

/// <content>Deciding a container's state: running, healthy (Docker health), answering the probe.</content>
public sealed partial class DockerContainerProvider
{
    private async Task<ContainerInspectResponse> WaitReadyAsync(string id, int port, long started, CancellationToken cancellationToken)
    {
        // Poll quickly at first (a container is usually ready within tens of milliseconds), then back off to PollInterval.
        var delay = TimeSpan.FromMilliseconds(10) < PollInterval ? TimeSpan.FromMilliseconds(10) : PollInterval;
        while (true)
        {
            var inspect = await Wrap(() => _docker.InspectContainerAsync(id, cancellationToken), "inspect container", port).ConfigureAwait(false)
                ?? throw new InstanceProviderException($"Docker group '{_group}': container {ShortId(id)} on port {port} disappeared while starting.");
            var (state, reason) = await EvaluateAsync(inspect, port, cancellationToken).ConfigureAwait(false);
            if (state == InstanceState.Active)
            {
                return inspect;
            }

            if (state is InstanceState.Failed or InstanceState.Draining)
            {
                throw new InstanceProviderException($"Docker group '{_group}': container {ShortId(id)} on port {port} failed to start: {reason}.");
            }

            if (_time.GetElapsedTime(started) >= _options.StartTimeout)
            {
                throw new InstanceProviderException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Docker group '{_group}': container {ShortId(id)} on port {port} was not ready within {_options.StartTimeout} ({reason}); it was removed."));
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < PollInterval ? delay * 2 : PollInterval;
        }
    }

    private async Task<ScalingInstance?> DescribeAsync(ContainerSummary container, CancellationToken cancellationToken)
    {
        var created = DateTimeOffset.FromUnixTimeSeconds(container.Created);
        if (!ContainerLabels.TryGetPort(container.Labels, out var port))
        {
            return new ScalingInstance(container.Id, null, InstanceState.Failed, created)
            {
                FailureReason = $"the container has no valid '{ContainerLabels.Port}' label",
            };
        }

        var name = container.Names is [var first, ..] ? first : null;
        if (container.State == "running" && _ready.ContainsKey(container.Id))
        {
            // Known ready: the listing's status text carries Docker's health ("Up 5 minutes (unhealthy)").
            return container.Status?.Contains("(unhealthy)", StringComparison.Ordinal) == true
                ? ToInstance(container.Id, name, port, InstanceState.Failed, created, "Docker health check failing")
                : ToInstance(container.Id, name, port, InstanceState.Active, created);
        }

        var inspect = await Wrap(() => _docker.InspectContainerAsync(container.Id, cancellationToken), "inspect container", port).ConfigureAwait(false);
        if (inspect is null)
        {
            return null; // removed since the listing
        }

        var (state, reason) = await EvaluateAsync(inspect, port, cancellationToken).ConfigureAwait(false);
        if (state == InstanceState.Active)
        {
            _ready.TryAdd(container.Id, 0);
        }
        else if (state == InstanceState.Starting && _time.GetUtcNow() - inspect.Created > _options.StartTimeout)
        {
            state = InstanceState.Failed;
            reason = string.Create(CultureInfo.InvariantCulture, $"not ready within {_options.StartTimeout} of its creation ({reason})");
        }

        return ToInstance(container.Id, name, port, state, inspect.Created, state == InstanceState.Failed ? reason : null);
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

    private static string LastHealthOutput(ContainerHealthResponse health)
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
