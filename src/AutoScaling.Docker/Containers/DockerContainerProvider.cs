using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using AutoScaling.Docker.Client;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScaling.Docker;

/// <summary>
/// Runs each instance of a group as one Docker container with host networking on its own port.
/// </summary>
/// <remarks>
/// <para>Every container carries labels naming the group, the owner id and its port; only containers with both labels
/// matching are listed, adopted or removed. Anything else, whatever its name, is never touched.</para>
/// <para><see cref="ProvisionAsync"/> creates and starts the container and returns it <see cref="InstanceState.Starting"/>; if
/// the create or the start fails (or the call is cancelled), the container is removed and <see cref="InstanceProviderException"/>
/// is thrown: nothing is left behind. It does not wait: <see cref="ListAsync"/> reports a container
/// <see cref="InstanceState.Active"/> once it runs, is healthy (when it has a Docker health check) and passes the readiness
/// probe, and the controller alone waits for that, against its one start deadline.</para>
/// <para><see cref="ListAsync"/> never removes anything. A container that exits or turns unhealthy is listed
/// <see cref="InstanceState.Failed"/> with a <see cref="ScalingInstance.FailureReason"/>, for the controller to replace; a
/// starting one carries the reason it is not ready yet. Removals that failed because the daemon was unreachable are retried
/// on the next call.</para>
/// <para>Ports are handed out in turn through the range (the one after the last one handed out), so a port whose instance
/// just went away, or whose start failed, is not taken again at once.</para>
/// </remarks>
public sealed partial class DockerContainerProvider : IInstanceProvider, IDisposable
{
    private readonly string _group;
    private readonly string _owner;
    private readonly DockerContainerOptions _options;
    private readonly DockerClient _docker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IPAddress _address;
    private readonly PortAllocator _ports;
    private readonly ReadinessProbe _probe;
    private readonly SemaphoreSlim _allocate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _ready = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _pendingRemoval = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="DockerContainerProvider"/> class.</summary>
    /// <param name="group">The scaling group's name (written on the containers' labels and names).</param>
    /// <param name="options">The options, already validated.</param>
    /// <param name="timeProvider">The time provider (start timeout and polling).</param>
    /// <param name="logger">The logger.</param>
    public DockerContainerProvider(string group, DockerContainerOptions options, TimeProvider? timeProvider = null, ILogger<DockerContainerProvider>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        ArgumentNullException.ThrowIfNull(options);
        var invalid = new DockerContainerOptionsValidator().Validate(group, options);
        if (invalid.Failed)
        {
            throw new ArgumentException(invalid.FailureMessage, nameof(options));
        }

        _group = group;
        _options = options;
        _owner = string.IsNullOrEmpty(options.OwnerId) ? Environment.MachineName : options.OwnerId;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _address = IPAddress.Parse(options.BindAddress);
        _docker = new DockerClient(DockerEndpoint.Resolve(options.DockerHost), options.RequestTimeout);
        _ports = new PortAllocator(_address, options.PortRangeStart, options.PortRangeEnd);
        _probe = new ReadinessProbe(options.Probe, _address, options.ProbePath, options.ProbeTimeout);
    }

    /// <summary>Gets the owner id written on this provider's containers.</summary>
    public string OwnerId => _owner;

    internal DockerClient Client => _docker;

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ScalingInstance>> ListAsync(CancellationToken cancellationToken)
    {
        await RetryPendingRemovalsAsync(cancellationToken).ConfigureAwait(false);
        var containers = await ListOwnedAsync(cancellationToken).ConfigureAwait(false);
        _ports.Observe(containers.Select(c => ContainerLabels.TryGetPort(c.Labels, out var p) ? p : -1));
        // Inspected and probed side by side: one slow probe must not add up across many starting containers.
        var described = await Task.WhenAll(containers.ConvertAll(c => DescribeAsync(c, cancellationToken))).ConfigureAwait(false);
        var result = new List<ScalingInstance>(described.Length);
        foreach (var instance in described)
        {
            if (instance is not null)
            {
                result.Add(instance);
            }
        }

        foreach (var id in _ready.Keys)
        {
            if (!containers.Exists(c => c.ID == id))
            {
                _ready.TryRemove(id, out _);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<ScalingInstance> ProvisionAsync(CancellationToken cancellationToken)
    {
        await RetryPendingRemovalsAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        var (id, name, port) = await CreateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Wrap(() => _docker.StartContainerAsync(id, cancellationToken), "start container", port).ConfigureAwait(false);
            var instance = ToInstance(id, name, port, InstanceState.Starting, _time.GetUtcNow(), "started; not yet checked");
            Log.Provisioned(_logger, _group, ShortId(id), instance.Address!, _time.GetElapsedTime(started).TotalMilliseconds);
            return instance;
        }
        catch (Exception e)
        {
            await RemoveAfterFailureAsync(id, port, e).ConfigureAwait(false);
            if (e is InstanceProviderException or OperationCanceledException)
            {
                throw;
            }

            throw new InstanceProviderException($"Docker group '{_group}': provisioning on port {port} failed: {e.Message}", e);
        }
        finally
        {
            _ports.Release(port);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DecommissionAsync(ScalingInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var inspect = await Wrap(() => _docker.InspectContainerAsync(instance.Id, cancellationToken), "inspect container", null).ConfigureAwait(false);
        if (inspect is null || !ContainerLabels.IsOwned(inspect.Config?.Labels, _group, _owner) || !string.Equals(inspect.ID, instance.Id, StringComparison.Ordinal))
        {
            throw new InstanceProviderException(
                $"Docker group '{_group}': container '{instance.Id}' is not an instance of this group and owner '{_owner}' (or no longer exists); nothing was changed.");
        }

        await Wrap(() => _docker.StopContainerAsync(inspect.ID, _options.StopGracePeriod, cancellationToken), "stop container", null).ConfigureAwait(false);
        await Wrap(() => _docker.RemoveContainerAsync(inspect.ID, cancellationToken), "remove container", null).ConfigureAwait(false);
        _ready.TryRemove(inspect.ID, out _);
        Log.Decommissioned(_logger, _group, ShortId(inspect.ID), instance.Address ?? string.Empty);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _docker.Dispose();
        _probe.Dispose();
        _allocate.Dispose();
    }

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    private async Task<List<ContainerListResponse>> ListOwnedAsync(CancellationToken cancellationToken)
    {
        var listed = await Wrap(() => _docker.ListContainersAsync(ContainerLabels.Filters(_group, _owner), cancellationToken), "list containers", null).ConfigureAwait(false);
        listed.RemoveAll(c => !ContainerLabels.IsOwned(c.Labels, _group, _owner));
        return listed;
    }

    private async Task<(string Id, string Name, int Port)> CreateAsync(CancellationToken cancellationToken)
    {
        await _allocate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // No listing here: the ports of the last listing and the reservations in flight are known, and a container of
            // ours still on a port holds the name that port gives, so creating it again fails with a conflict and the next is tried.
            foreach (var port in _ports.Candidates())
            {
                if (!_ports.IsFreeOnHost(port))
                {
                    Log.PortSkipped(_logger, _group, port, "something on the host listens on it");
                    continue;
                }

                if (!_ports.TryReserve(port))
                {
                    continue;
                }

                var name = ContainerSpec.Name(_options, _group, port);
                try
                {
                    var request = ContainerSpec.Create(_options, _group, _owner, port);
                    var id = await _docker.CreateContainerAsync(request, cancellationToken).ConfigureAwait(false);
                    return (id, name, port);
                }
                catch (DockerApiException e) when (e.Kind == DockerErrorKind.Conflict)
                {
                    // A container holds the name (ours, not yet listed, or one we do not own): leave it alone, use the next port.
                    _ports.Release(port);
                    Log.PortSkipped(_logger, _group, port, e.Message);
                }
                catch (Exception e)
                {
                    _ports.Release(port);
                    throw Failure("create container", port, e);
                }
            }

            throw new InstanceProviderException(string.Create(
                CultureInfo.InvariantCulture,
                $"Docker group '{_group}': no free port in {_options.PortRangeStart}-{_options.PortRangeEnd} (used by this group's containers, reserved, in use on the host, or held by containers of other owners)."));
        }
        finally
        {
            _allocate.Release();
        }
    }

    private async Task RemoveAfterFailureAsync(string id, int port, Exception cause)
    {
        try
        {
            await _docker.RemoveContainerAsync(id, CancellationToken.None).ConfigureAwait(false);
            Log.RemovedAfterFailure(_logger, _group, ShortId(id), port, cause.Message);
        }
        catch (DockerApiException e)
        {
            _pendingRemoval.TryAdd(id, 0);
            Log.RemovalDeferred(_logger, _group, ShortId(id), e.Message);
        }
    }

    private async Task RetryPendingRemovalsAsync(CancellationToken cancellationToken)
    {
        foreach (var id in _pendingRemoval.Keys)
        {
            try
            {
                await _docker.RemoveContainerAsync(id, cancellationToken).ConfigureAwait(false);
                _pendingRemoval.TryRemove(id, out _);
                Log.RemovalRetried(_logger, _group, ShortId(id));
            }
            catch (DockerApiException)
            {
                return; // still unreachable; the call that follows reports it
            }
        }
    }

    private ScalingInstance ToInstance(string id, string? name, int port, InstanceState state, DateTimeOffset created, string? reason = null)
        => new(id, string.Create(CultureInfo.InvariantCulture, $"{(_address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{_address}]" : _address.ToString())}:{port}"), state, created)
        {
            FailureReason = reason,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["container.id"] = id,
                ["container.name"] = name?.TrimStart('/') ?? string.Empty,
                ["image"] = _options.Image,
                ["port"] = port.ToString(CultureInfo.InvariantCulture),
            },
        };

    private InstanceProviderException Failure(string what, int? port, Exception e)
    {
        var where = port is { } p ? string.Create(CultureInfo.InvariantCulture, $" on port {p}") : string.Empty;
        return new InstanceProviderException($"Docker group '{_group}': {what}{where} failed: {e.Message}", e);
    }

    private async Task<T> Wrap<T>(Func<Task<T>> call, string what, int? port)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw Failure(what, port, e);
        }
    }

    private async Task Wrap(Func<Task> call, string what, int? port)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw Failure(what, port, e);
        }
    }
}
