using System.Globalization;
using System.Net;
using AutoScaling.Docker.Client;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Docker;

/// <summary>
/// The replicas of an existing Docker Swarm service as instances: provisioning raises <c>Mode.Replicated.Replicas</c> by one,
/// decommissioning lowers it, always with the service's version index (retried on a version conflict).
/// </summary>
/// <remarks>
/// <para>An instance is a slot (<c>{service}.{slot}</c>): the service's tasks with desired state <c>running</c>, the newest per
/// slot. Its state comes from the task status (<c>running</c> is active; Swarm reports <c>running</c> only after a container's
/// health check passes), its address from <c>BindAddress:(BasePort + slot)</c>.</para>
/// <para><see cref="ProvisionAsync"/> returns as soon as the new slot's task exists (normally <see cref="InstanceState.Starting"/>);
/// the controller polls <see cref="ListAsync"/>. Swarm chooses which task goes on a scale-down and prefers tasks that are not
/// running, so <see cref="DecommissionAsync"/> first stops that task's container (when it runs on this daemon's node), then
/// lowers the replicas and waits for the slot to go.</para>
/// </remarks>
public sealed partial class DockerSwarmServiceProvider : IInstanceProvider, IDisposable
{
    private readonly string _group;
    private readonly DockerSwarmServiceOptions _options;
    private readonly DockerClient _docker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IPAddress _address;
    private readonly SemaphoreSlim _scale = new(1, 1);

    /// <summary>Initializes a new instance of the <see cref="DockerSwarmServiceProvider"/> class.</summary>
    /// <param name="group">The scaling group's name (for messages).</param>
    /// <param name="options">The options, already validated.</param>
    /// <param name="timeProvider">The time provider (waits).</param>
    /// <param name="logger">The logger.</param>
    public DockerSwarmServiceProvider(string group, DockerSwarmServiceOptions options, TimeProvider? timeProvider = null, ILogger<DockerSwarmServiceProvider>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        ArgumentNullException.ThrowIfNull(options);
        var invalid = new DockerSwarmServiceOptionsValidator().Validate(group, options);
        if (invalid.Failed)
        {
            throw new ArgumentException(invalid.FailureMessage, nameof(options));
        }

        _group = group;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _address = IPAddress.Parse(options.BindAddress);
        _docker = new DockerClient(DockerEndpoint.Resolve(options.DockerHost), options.RequestTimeout);
    }

    /// <summary>Gets or sets a hook run before every service update with the attempt number (tests use it to provoke a version conflict).</summary>
    internal Func<int, CancellationToken, Task>? BeforeUpdate { get; set; }

    internal DockerClient Client => _docker;

    internal TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var tasks = await Wrap(() => _docker.ListTasksAsync(_options.Service, cancellationToken), "list tasks").ConfigureAwait(false);
        var bySlot = new SortedDictionary<long, TaskResponse>();
        var ended = new Dictionary<long, TaskResponse>();
        foreach (var task in tasks)
        {
            // A slot exists while one of its tasks is meant to run (desired state up to 'running'), as Swarm counts it.
            var slots = IsLive(task.DesiredState) ? bySlot : (IDictionary<long, TaskResponse>)ended;
            var slot = task.Slot ?? 0;
            if (!slots.TryGetValue(slot, out var seen) || task.CreatedAt > seen.CreatedAt)
            {
                slots[slot] = task;
            }
        }

        var result = new List<ScalingInstance>(bySlot.Count);
        foreach (var task in bySlot.Values)
        {
            // A task waiting to replace one that failed is a crash loop, not a start: report the failure.
            ended.TryGetValue(task.Slot ?? 0, out var previous);
            result.Add(ToInstance(task, previous));
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        await _scale.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = (await ListAsync(cancellationToken).ConfigureAwait(false)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var (from, to) = await ScaleByAsync(+1, cancellationToken).ConfigureAwait(false);
            var started = _time.GetTimestamp();
            while (true)
            {
                var fresh = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => !before.Contains(i.Id));
                if (fresh is not null)
                {
                    Log.ScaledUp(_logger, _group, _options.Service, from, to, fresh.Id);
                    return fresh;
                }

                if (_time.GetElapsedTime(started) >= _options.ScaleTimeout)
                {
                    await UndoAsync(-1).ConfigureAwait(false);
                    throw new InstanceProviderException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Docker Swarm group '{_group}': service '{_options.Service}' was scaled to {to} but no new task appeared within {_options.ScaleTimeout}; the replicas were set back."));
                }

                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _scale.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await _scale.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => string.Equals(i.Id, instance.Id, StringComparison.Ordinal))
                ?? throw new InstanceProviderException($"Docker Swarm group '{_group}': '{instance.Id}' is not a task slot of service '{_options.Service}'; nothing was changed.");

            // Swarm cannot remove a given task, but on a scale-down it removes a slot that is not running before one that is.
            // Under a race (another slot not yet running) it may still take another slot: then the replicas are put back
            // and the removal is tried once more.
            var (removed, from, to, slots) = await TryRemoveSlotAsync(instance.Id, cancellationToken).ConfigureAwait(false);
            if (!removed)
            {
                Log.SwarmChoseAnotherTask(_logger, _group, _options.Service, instance.Id);
                await ScaleByAsync(+1, cancellationToken).ConfigureAwait(false);
                (removed, from, to, slots) = await TryRemoveSlotAsync(instance.Id, cancellationToken).ConfigureAwait(false);
            }

            if (!removed)
            {
                throw new InstanceProviderException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Docker Swarm group '{_group}': service '{_options.Service}' was scaled to {to} but Swarm removed another slot than '{instance.Id}', twice (slots now: {slots})."));
            }

            Log.ScaledDown(_logger, _group, _options.Service, from, to, instance.Id);
        }
        finally
        {
            _scale.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _docker.Dispose();
        _scale.Dispose();
    }

    private static bool IsLive(TaskState? desiredState)
        => desiredState is TaskState.New or TaskState.Pending or TaskState.Assigned or TaskState.Accepted or TaskState.Preparing
            or TaskState.Ready or TaskState.Starting or TaskState.Running;

    private static bool IsStarting(TaskState? state)
        => state is TaskState.New or TaskState.Allocated or TaskState.Pending or TaskState.Assigned or TaskState.Accepted
            or TaskState.Preparing or TaskState.Ready or TaskState.Starting;

    /// <summary>Stops the slot's container, lowers the replicas and waits until a slot goes: true when it was this one.</summary>
    private async Task<(bool Removed, ulong From, ulong To, string Slots)> TryRemoveSlotAsync(string id, CancellationToken cancellationToken)
    {
        // Let the other slots reach 'running' (bounded), stop this slot's container, wait until the manager sees it
        // stopped, then lower the replicas.
        var started = _time.GetTimestamp();
        await WaitUntilAsync(static l => l.All(i => i.State == InstanceState.Active), started, cancellationToken).ConfigureAwait(false);
        await StopContainerAsync(id, cancellationToken).ConfigureAwait(false);
        await WaitUntilAsync(l => l.FirstOrDefault(i => i.Id == id) is not { State: InstanceState.Active }, started, cancellationToken).ConfigureAwait(false);

        var (from, to) = await ScaleByAsync(-1, cancellationToken).ConfigureAwait(false);
        started = _time.GetTimestamp();
        while (true)
        {
            var listed = await ListAsync(cancellationToken).ConfigureAwait(false);
            var present = listed.Any(i => string.Equals(i.Id, id, StringComparison.Ordinal));
            if (!present || (ulong)listed.Count <= to || _time.GetElapsedTime(started) >= _options.ScaleTimeout)
            {
                var slots = string.Join(", ", listed.Select(i => $"{i.Id} {i.State}"));
                if (present && (ulong)listed.Count > to)
                {
                    throw new InstanceProviderException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Docker Swarm group '{_group}': service '{_options.Service}' was scaled to {to} but slot '{id}' is still there after {_options.ScaleTimeout} (slots now: {slots})."));
                }

                return (!present, from, to, slots);
            }

            await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopContainerAsync(string id, CancellationToken cancellationToken)
    {
        var target = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));
        if (target is null || !target.Metadata.TryGetValue("container.id", out var container) || container.Length == 0)
        {
            return;
        }

        try
        {
            await _docker.StopContainerAsync(container, _options.StopGracePeriod, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            // it runs on another node (or is gone): Swarm picks the task to remove
        }
        catch (DockerApiException e)
        {
            throw new InstanceProviderException($"Docker Swarm group '{_group}': stopping '{id}' failed: {e.Message}", e);
        }
    }

    private async Task WaitUntilAsync(Func<IReadOnlyList<ScalingInstance>, bool> condition, long started, CancellationToken cancellationToken)
    {
        while (!condition(await ListAsync(cancellationToken).ConfigureAwait(false)) && _time.GetElapsedTime(started) < _options.ScaleTimeout)
        {
            await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe(TaskResponse task)
        => $"task is {task.Status?.State?.ToString() ?? "in an unknown state"}: {task.Status?.Err ?? task.Status?.Message ?? "no error reported"}";

    private ScalingInstance ToInstance(TaskResponse task, TaskResponse? previous)
    {
        var current = task.Status?.State;
        var (state, reason) = current switch
        {
            TaskState.Running => (InstanceState.Active, (string?)null),
            _ when IsStarting(current) && previous is { Status.State: TaskState.Failed or TaskState.Rejected } && previous.CreatedAt < task.CreatedAt
                => (InstanceState.Failed, "restarting after a failure: previous " + Describe(previous)),
            _ when IsStarting(current) => (InstanceState.Starting, null),
            _ => (InstanceState.Failed, Describe(task)),
        };
        var slot = task.Slot ?? 0;
        var port = _options.BasePort + slot;
        var host = _address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{_address}]" : _address.ToString();
        return new ScalingInstance(
            string.Create(CultureInfo.InvariantCulture, $"{_options.Service}.{slot}"),
            string.Create(CultureInfo.InvariantCulture, $"{host}:{port}"),
            state,
            task.CreatedAt is { } created ? new DateTimeOffset(created.ToUniversalTime()) : DateTimeOffset.MinValue)
        {
            FailureReason = reason,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["task.id"] = task.ID,
                ["slot"] = slot.ToString(CultureInfo.InvariantCulture),
                ["service.id"] = task.ServiceID ?? string.Empty,
                ["container.id"] = task.Status?.ContainerStatus?.ContainerID ?? string.Empty,
                ["port"] = port.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    private async Task UndoAsync(int delta)
    {
        try
        {
            await ScaleByAsync(delta, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InstanceProviderException e)
        {
            Log.UndoFailed(_logger, _group, _options.Service, e.Message);
        }
    }

    private async Task<T> Wrap<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new InstanceProviderException($"Docker Swarm group '{_group}': {what} of service '{_options.Service}' failed: {e.Message}", e);
        }
    }
}
