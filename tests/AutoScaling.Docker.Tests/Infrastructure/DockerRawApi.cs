using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AutoScaling.Docker.Client;
using AutoScaling.Testing;

namespace AutoScaling.Docker.Tests;

/// <summary>
/// Plain HTTP to the real dockerd for test set-up and for checks that must not go through the client under test
/// (the raw JSON the daemon stores, calls the providers never make). Paths get the daemon's own API version.
/// </summary>
internal sealed class DockerRawApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _version = new(1, 1);
    private string? _prefix;

    public DockerRawApi(string socketPath)
    {
        var handler = UnixSocketHttp.CreateHandler(socketPath);
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Sends a request on the daemon's API version and returns the status and body; an error status throws <see cref="DockerApiException"/>.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken = default)
    {
        var prefix = await PrefixAsync(cancellationToken);
        using var request = new HttpRequestMessage(method, prefix + path)
        {
            Content = jsonBody is null ? null : new StringContent(jsonBody, Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode >= 400)
        {
            var message = DockerClient.ExtractMessage(body);
            throw new DockerApiException(DockerClient.Classify(response.StatusCode, message), response.StatusCode, message);
        }

        return (response.StatusCode, body);
    }

    /// <summary>GETs a JSON object; null on 404.</summary>
    public async Task<JsonObject?> GetObjectAsync(string path)
    {
        try
        {
            var (_, body) = await SendAsync(HttpMethod.Get, path, null);
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (DockerApiException e) when (e.Kind is DockerErrorKind.NotFound or DockerErrorKind.ImageNotFound)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _version.Dispose();
    }

    private async Task<string> PrefixAsync(CancellationToken cancellationToken)
    {
        if (_prefix is { } known)
        {
            return known;
        }

        await _version.WaitAsync(cancellationToken);
        try
        {
            var version = JsonNode.Parse(await _http.GetStringAsync(new Uri("/version", UriKind.Relative), cancellationToken))!;
            return _prefix ??= "/v" + (string)version["ApiVersion"]!;
        }
        finally
        {
            _version.Release();
        }
    }
}
