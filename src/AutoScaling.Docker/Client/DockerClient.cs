using Docker.DotNet;
using Docker.DotNet.Models;
using Engine = Docker.DotNet.DockerClient;
using Version = System.Version;

namespace AutoScaling.Docker.Client;

/// <summary>
/// The providers' seam to the Docker Engine API, over Docker.DotNet: the API version negotiated from <c>/version</c>,
/// a timeout per call (told apart from the caller's cancellation), and errors as <see cref="DockerApiException"/>
/// carrying Docker's message. Only the calls the providers need.
/// </summary>
internal sealed partial class DockerClient : IDisposable
{
    private static readonly Version OneShotSince = new(1, 41);
    private readonly Engine _unversioned;
    private readonly TimeSpan _requestTimeout;
    private readonly SemaphoreSlim _negotiate = new(1, 1);
    private Engine? _versioned;

    public DockerClient(DockerEndpoint endpoint, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _requestTimeout = requestTimeout;
        _unversioned = Build(endpoint, null);
    }

    /// <summary>Gets the daemon's endpoint.</summary>
    public DockerEndpoint Endpoint { get; }

    /// <summary>Gets the negotiated API version, once known.</summary>
    public Version? ApiVersion { get; private set; }

    /// <summary>GET /_ping: whether the daemon answers.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync("GET /_ping", versioned: false, TimeSpan.Zero, static (e, ct) => e.System.PingAsync(ct), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException)
        {
            return false;
        }
    }

    /// <summary>GET /version (unversioned).</summary>
    public Task<VersionResponse> GetVersionAsync(CancellationToken cancellationToken)
        => CallAsync("GET /version", versioned: false, TimeSpan.Zero, static (e, ct) => e.System.GetVersionAsync(ct), cancellationToken);

    /// <summary>POST /containers/create; returns the new container's id.</summary>
    public async Task<string> CreateContainerAsync(CreateContainerParameters request, CancellationToken cancellationToken)
    {
        var created = await CallAsync("POST /containers/create", versioned: true, TimeSpan.Zero, (e, ct) => e.Containers.CreateContainerAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return created.ID;
    }

    /// <summary>POST /containers/{id}/start (already running is fine).</summary>
    public Task StartContainerAsync(string id, CancellationToken cancellationToken)
        => CallAsync("POST /containers/{id}/start", versioned: true, TimeSpan.Zero, (e, ct) => e.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct), cancellationToken);

    /// <summary>POST /containers/{id}/stop?t=S (already stopped is fine); the call may take the grace period longer.</summary>
    public Task StopContainerAsync(string id, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var seconds = (uint)Math.Ceiling(gracePeriod.TotalSeconds);
        var stop = new ContainerStopParameters { WaitBeforeKillSeconds = seconds };
        return CallAsync("POST /containers/{id}/stop", versioned: true, TimeSpan.FromSeconds(seconds), (e, ct) => e.Containers.StopContainerAsync(id, stop, ct), cancellationToken);
    }

    /// <summary>DELETE /containers/{id}?force=1&amp;v=1. Returns false when it did not exist.</summary>
    public async Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var remove = new ContainerRemoveParameters { Force = true, RemoveVolumes = true };
            await CallAsync("DELETE /containers/{id}", versioned: true, TimeSpan.Zero, async (e, ct) => { await e.Containers.RemoveContainerAsync(id, remove, ct).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>GET /containers/json?all=1 filtered by labels (<c>key=value</c>, all must match).</summary>
    public async Task<List<ContainerListResponse>> ListContainersAsync(IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var list = new ContainersListParameters { All = true, Filters = Filter("label", labels) };
        var listed = await CallAsync("GET /containers/json", versioned: true, TimeSpan.Zero, (e, ct) => e.Containers.ListContainersAsync(list, ct), cancellationToken).ConfigureAwait(false);
        return [.. listed];
    }

    /// <summary>GET /containers/{id}/json; null when it does not exist.</summary>
    public async Task<ContainerInspectResponse?> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync("GET /containers/{id}/json", versioned: true, TimeSpan.Zero, (e, ct) => e.Containers.InspectContainerAsync(id, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// GET /containers/{id}/stats?stream=false&amp;one-shot=true: one reading, at once (one-shot needs API 1.41; with it
    /// <c>precpu_stats</c> is empty, so rates come from the caller's own consecutive reads). Null when the container is gone.
    /// </summary>
    public async Task<ContainerStatsResponse?> GetStatsAsync(string id, CancellationToken cancellationToken)
    {
        var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        var parameters = new ContainerStatsParameters { Stream = false, OneShot = version >= OneShotSince };
        try
        {
            return await CallAsync("GET /containers/{id}/stats", versioned: true, TimeSpan.Zero, async (e, ct) =>
            {
                var last = new LastReport();
                await e.Containers.GetContainerStatsAsync(id, parameters, last, ct).ConfigureAwait(false);
                return last.Value;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>GET /services/{id}.</summary>
    public Task<SwarmService> InspectServiceAsync(string idOrName, CancellationToken cancellationToken)
        => CallAsync("GET /services/{id}", versioned: true, TimeSpan.Zero, (e, ct) => e.Swarm.InspectServiceAsync(idOrName, ct), cancellationToken);

    /// <summary>POST /services/{id}/update?version=INDEX with the whole spec.</summary>
    public Task UpdateServiceAsync(string id, ulong version, ServiceSpec spec, CancellationToken cancellationToken)
    {
        var update = new ServiceUpdateParameters { Service = spec, Version = checked((long)version), RegistryAuth = null! }; // no X-Registry-Auth header: the image is not pulled again
        return CallAsync("POST /services/{id}/update", versioned: true, TimeSpan.Zero, (e, ct) => e.Swarm.UpdateServiceAsync(id, update, ct), cancellationToken);
    }

    /// <summary>GET /tasks filtered by service.</summary>
    public async Task<List<TaskResponse>> ListTasksAsync(string service, CancellationToken cancellationToken)
    {
        var list = new TasksListParameters { Filters = Filter("service", [service]) };
        var listed = await CallAsync("GET /tasks", versioned: true, TimeSpan.Zero, (e, ct) => e.Tasks.ListAsync(list, ct), cancellationToken).ConfigureAwait(false);
        return [.. listed];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _versioned?.Dispose();
        _unversioned.Dispose();
        _negotiate.Dispose();
    }

    private static Engine Build(DockerEndpoint endpoint, Version? apiVersion)
        => new DockerClientBuilder().WithEndpoint(endpoint.EngineUri).WithApiVersion(apiVersion).Build();

    private static Dictionary<string, IDictionary<string, bool>> Filter(string key, IReadOnlyList<string> values)
    {
        var set = new Dictionary<string, bool>(values.Count, StringComparer.Ordinal);
        foreach (var value in values)
        {
            set[value] = true;
        }

        return new Dictionary<string, IDictionary<string, bool>>(StringComparer.Ordinal) { [key] = set };
    }

    /// <summary>Keeps the one report of a non-streamed stats call, synchronously (<see cref="Progress{T}"/> would post it later).</summary>
    private sealed class LastReport : IProgress<ContainerStatsResponse>
    {
        public ContainerStatsResponse? Value { get; private set; }

        public void Report(ContainerStatsResponse value) => Value = value;
    }
}
