using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AutoScaling.Testing;

/// <summary>
/// The few Docker Engine API calls the tests need (unversioned, on /var/run/docker.sock): ping, image present, list by
/// label, run a container of the test image (host network, init), its state, remove by id.
/// </summary>
public sealed class DockerApi : IDisposable
{
    /// <summary>The shared dockerd's socket.</summary>
    public const string SocketPath = "/var/run/docker.sock";

    /// <summary>The test image (FROM scratch, static busybox), built by scripts/setup/docker.sh.</summary>
    public const string Image = "autoscaling-test:local";

    private readonly HttpClient _http = new(UnixSocketHttp.CreateHandler(SocketPath))
    {
        // Unversioned paths: the daemon answers in its own API version, so an Engine whose minimum is above 1.41 (29: 1.44) answers too.
        BaseAddress = new Uri("http://docker/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Null when dockerd answers and has the test image; otherwise what is missing.</summary>
    /// <returns>What is missing, or <see langword="null"/>.</returns>
    public async Task<string?> MissingAsync()
    {
        try
        {
            using var ping = await _http.GetAsync(new Uri("_ping", UriKind.Relative));
            if (!ping.IsSuccessStatusCode)
            {
                return $"dockerd on {SocketPath} answered {(int)ping.StatusCode} (run ./build.sh setup)";
            }

            using var image = await _http.GetAsync(new Uri($"images/{Image}/json", UriKind.Relative));
            return image.StatusCode == HttpStatusCode.OK ? null : $"test image {Image} is missing (run ./build.sh setup)";
        }
        catch (HttpRequestException e)
        {
            return $"dockerd is not answering on {SocketPath} ({e.Message}; run ./build.sh setup)";
        }
    }

    /// <summary>Ids and labels of every container (any state) carrying all the given labels.</summary>
    /// <param name="labels">Filters, <c>key=value</c> or <c>key</c>.</param>
    /// <returns>Id, labels and state of each.</returns>
    public async Task<List<(string Id, Dictionary<string, string> Labels, string State)>> ListAsync(params string[] labels)
    {
        var filters = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = labels }));
        var body = await _http.GetStringAsync(new Uri($"containers/json?all=true&filters={filters}", UriKind.Relative));
        using var doc = JsonDocument.Parse(body);
        var result = new List<(string, Dictionary<string, string>, string)>();
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (c.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in l.EnumerateObject())
                {
                    map[p.Name] = p.Value.GetString() ?? string.Empty;
                }
            }

            result.Add((c.GetProperty("Id").GetString()!, map, c.GetProperty("State").GetString() ?? string.Empty));
        }

        return result;
    }

    /// <summary>Creates and starts a container of the test image with host networking and an init process; removes it again if the start fails.</summary>
    /// <param name="name">The container's name.</param>
    /// <param name="labels">Its labels.</param>
    /// <param name="command">Its command (the image's entrypoint is busybox), as <c>httpd -f -p 127.0.0.1:PORT -h /www</c>.</param>
    /// <returns>The container's id.</returns>
    public async Task<string> RunAsync(string name, IReadOnlyDictionary<string, string> labels, params string[] command)
    {
        var spec = new { Image, Cmd = command, Labels = labels, HostConfig = new { NetworkMode = "host", Init = true } };
        using var created = await _http.PostAsJsonAsync(new Uri("containers/create?name=" + Uri.EscapeDataString(name), UriKind.Relative), spec);
        var body = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"docker create {name} answered {(int)created.StatusCode}: {body}");
        }

        using var doc = JsonDocument.Parse(body);
        var id = doc.RootElement.GetProperty("Id").GetString()!;
        using var started = await _http.PostAsync(new Uri($"containers/{id}/start", UriKind.Relative), null);
        if (!started.IsSuccessStatusCode)
        {
            var why = await started.Content.ReadAsStringAsync();
            await RemoveAsync(id);
            throw new InvalidOperationException($"docker start {name} answered {(int)started.StatusCode}: {why}");
        }

        return id;
    }

    /// <summary>A container's state (<c>running</c>, <c>exited</c>…), or <see langword="null"/> when it does not exist.</summary>
    /// <param name="id">The container's id.</param>
    /// <returns>Its state.</returns>
    public async Task<string?> StateAsync(string id)
    {
        using var response = await _http.GetAsync(new Uri($"containers/{id}/json", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("State").GetProperty("Status").GetString();
    }

    /// <summary>Removes one container by id (force); false when it was already gone.</summary>
    /// <param name="id">The container's id.</param>
    /// <returns>Whether it was removed.</returns>
    public async Task<bool> RemoveAsync(string id)
    {
        using var response = await _http.DeleteAsync(new Uri($"containers/{id}?force=true", UriKind.Relative));
        return response.IsSuccessStatusCode;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
