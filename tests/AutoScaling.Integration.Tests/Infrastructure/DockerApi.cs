using System.Net;
using System.Text.Json;
using AutoScaling.Testing;

namespace AutoScaling.Integration.Tests;

/// <summary>The few Docker Engine API calls the test needs (unversioned, on /var/run/docker.sock): ping, image present, list by label, remove by id.</summary>
internal sealed class DockerApi : IDisposable
{
    public const string SocketPath = "/var/run/docker.sock";
    public const string Image = "autoscaling-test:local";

    private readonly HttpClient _http = new(UnixSocketHttp.CreateHandler(SocketPath))
    {
        // Unversioned paths: the daemon answers in its own API version, so an Engine whose minimum is above 1.41 (29: 1.44) answers too.
        BaseAddress = new Uri("http://docker/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Null when dockerd answers and has the test image; otherwise what is missing.</summary>
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

    /// <summary>Removes one container by id (force); false when it was already gone.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        using var response = await _http.DeleteAsync(new Uri($"containers/{id}?force=true", UriKind.Relative));
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _http.Dispose();
}
