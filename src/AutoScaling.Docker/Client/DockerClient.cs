using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace AutoScaling.Docker.Client;

/// <summary>
/// A small Docker Engine API client: HTTP over the daemon's unix socket or TCP address, the API version negotiated
/// from <c>/version</c>, source-generated JSON, and <see cref="DockerApiException"/> carrying Docker's message.
/// Only the endpoints the providers need.
/// </summary>
internal sealed partial class DockerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _requestTimeout;
    private readonly SemaphoreSlim _negotiate = new(1, 1);
    private string? _prefix;

    public DockerClient(DockerEndpoint endpoint, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _requestTimeout = requestTimeout;
        _http = new HttpClient(endpoint.CreateHandler(), disposeHandler: true)
        {
            BaseAddress = endpoint.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Gets the daemon's endpoint.</summary>
    public DockerEndpoint Endpoint { get; }

    /// <summary>Gets the negotiated API version, once known.</summary>
    public Version? ApiVersion { get; private set; }

    /// <summary>GET /_ping.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Get, "/_ping", null, versioned: false, extraTimeout: TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (DockerApiException)
        {
            return false;
        }
    }

    /// <summary>GET /version (unversioned).</summary>
    public async Task<DockerVersionResponse> GetVersionAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/version", null, versioned: false, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, DockerJsonContext.Default.DockerVersionResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST /containers/create?name=N; returns the new container's id.</summary>
    public async Task<string> CreateContainerAsync(string name, ContainerCreateRequest request, CancellationToken cancellationToken)
    {
        var body = JsonContent(request, DockerJsonContext.Default.ContainerCreateRequest);
        using var response = await SendAsync(HttpMethod.Post, "/containers/create?name=" + Uri.EscapeDataString(name), body, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var created = await ReadAsync(response, DockerJsonContext.Default.ContainerCreateResponse, cancellationToken).ConfigureAwait(false);
        return created.Id ?? throw new DockerApiException(DockerErrorKind.Other, response.StatusCode, "Docker answered container create without an Id.");
    }

    /// <summary>POST /containers/{id}/start (already running is fine).</summary>
    public async Task StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/start", null, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST /containers/{id}/stop?t=S (already stopped is fine).</summary>
    public async Task StopContainerAsync(string id, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(gracePeriod.TotalSeconds);
        using var response = await SendAsync(HttpMethod.Post, $"/containers/{Escape(id)}/stop?t={seconds.ToString(CultureInfo.InvariantCulture)}", null, versioned: true, TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DELETE /containers/{id}?force=1&amp;v=1. Returns false when it did not exist.</summary>
    public async Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Delete, $"/containers/{Escape(id)}?force=1&v=1", null, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>GET /containers/json?all=1 filtered by labels (<c>key=value</c>, all must match).</summary>
    public async Task<List<ContainerSummary>> ListContainersAsync(IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var filters = JsonSerializer.Serialize(new Dictionary<string, List<string>> { ["label"] = [.. labels] }, DockerJsonContext.Default.DictionaryStringListString);
        using var response = await SendAsync(HttpMethod.Get, "/containers/json?all=1&filters=" + Uri.EscapeDataString(filters), null, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, DockerJsonContext.Default.ListContainerSummary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /containers/{id}/json; null when it does not exist.</summary>
    public async Task<ContainerInspectResponse?> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Get, $"/containers/{Escape(id)}/json", null, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return await ReadAsync(response, DockerJsonContext.Default.ContainerInspectResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>GET /services/{id}: the whole service as a JSON tree (so an update sends back every field unchanged).</summary>
    public async Task<JsonObject> InspectServiceAsync(string idOrName, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/services/{Escape(idOrName)}", null, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(text) as JsonObject
            ?? throw new DockerApiException(DockerErrorKind.Other, response.StatusCode, "Docker answered service inspect with something other than an object.");
    }

    /// <summary>POST /services/{id}/update?version=INDEX with the whole spec.</summary>
    public async Task UpdateServiceAsync(string id, ulong version, JsonObject spec, CancellationToken cancellationToken)
    {
        var content = new StringContent(spec.ToJsonString(), Encoding.UTF8, "application/json");
        var path = $"/services/{Escape(id)}/update?version={version.ToString(CultureInfo.InvariantCulture)}";
        using var response = await SendAsync(HttpMethod.Post, path, content, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /tasks filtered by service and desired state.</summary>
    public async Task<List<SwarmTask>> ListTasksAsync(string service, string? desiredState, CancellationToken cancellationToken)
    {
        var filter = new Dictionary<string, List<string>> { ["service"] = [service] };
        if (desiredState is not null)
        {
            filter["desired-state"] = [desiredState];
        }

        var filters = JsonSerializer.Serialize(filter, DockerJsonContext.Default.DictionaryStringListString);
        using var response = await SendAsync(HttpMethod.Get, "/tasks?filters=" + Uri.EscapeDataString(filters), null, versioned: true, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, DockerJsonContext.Default.ListSwarmTask, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends any request (versioned path) and returns the status and body; for tests and tools. Errors throw.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendRawAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        var content = jsonBody is null ? null : new StringContent(jsonBody, Encoding.UTF8, "application/json");
        using var response = await SendAsync(method, path, content, versioned: true, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _negotiate.Dispose();
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static ByteArrayContent JsonContent<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new DockerApiException(DockerErrorKind.Other, response.StatusCode, $"Docker answered {response.RequestMessage?.RequestUri?.AbsolutePath} with null.");
            }
        }
        catch (JsonException e)
        {
            throw new DockerApiException(DockerErrorKind.Other, response.StatusCode, $"Docker's answer to {response.RequestMessage?.RequestUri?.AbsolutePath} is not the expected JSON: {e.Message}", e);
        }
    }
}
