using System.Globalization;
using System.Text.Json;
using AutoScaling.Testing;

namespace AutoScaling.Etcd.Tests;

/// <summary>The containers one test's hosts own (label <c>io.autoscaling.owner</c>), read from dockerd; removed by id at the end.</summary>
internal sealed class DockerContainers(string owner) : IDisposable
{
    public const string Socket = "/var/run/docker.sock";
    private readonly HttpClient _http = new(UnixSocketHttp.CreateHandler(Socket)) { BaseAddress = new Uri("http://docker/"), Timeout = TimeSpan.FromSeconds(30) };

    public static bool Available => File.Exists(Socket);

    /// <summary>Lists the owner's containers (running or not) with the epoch of the leader that created each (0 when unlabelled).</summary>
    public async Task<IReadOnlyList<(string Id, long Epoch)>> ListAsync()
    {
        var filters = Uri.EscapeDataString($"{{\"label\":[\"io.autoscaling.owner={owner}\"]}}");
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"containers/json?all=1&filters={filters}", UriKind.Relative)));
        return doc.RootElement.EnumerateArray().Select(c =>
        {
            var epoch = c.GetProperty("Labels").TryGetProperty("io.autoscaling.epoch", out var e) ? long.Parse(e.GetString()!, CultureInfo.InvariantCulture) : 0;
            return (c.GetProperty("Id").GetString()!, epoch);
        }).ToArray();
    }

    public void Dispose()
    {
        foreach (var (id, _) in ListAsync().GetAwaiter().GetResult())
        {
            using var removed = _http.DeleteAsync(new Uri($"containers/{id}?force=1", UriKind.Relative)).GetAwaiter().GetResult();
        }

        _http.Dispose();
    }
}
