using System.Net;
using AutoScaling.Docker.Client;
using Docker.DotNet.Models;
using Version = System.Version;

namespace AutoScaling.Docker.Tests.Client;

/// <summary>The internal client against the real dockerd.</summary>
public sealed class DockerClientTests
{
    [SkippableFact]
    public async Task Negotiates_the_api_version_from_version()
    {
        await DockerTestEnvironment.RequireAsync();
        using var client = new DockerClient(DockerEndpoint.Parse(DockerTestEnvironment.Socket), TimeSpan.FromSeconds(10));

        var version = await client.NegotiateAsync(CancellationToken.None);
        var server = await client.GetVersionAsync(CancellationToken.None);

        Assert.True(version <= DockerApiVersions.Newest);
        Assert.Equal(Version.Parse(server.APIVersion) < DockerApiVersions.Newest ? Version.Parse(server.APIVersion) : DockerApiVersions.Newest, version);
        Assert.True(await client.PingAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Errors_carry_dockers_message_and_kind()
    {
        await DockerTestEnvironment.RequireAsync();
        var client = DockerTestEnvironment.Client;
        var name = "autoscaling-client-test-" + Guid.NewGuid().ToString("N")[..8];
        CreateContainerParameters Request(string name, string image) => new() { Name = name, Image = image, Cmd = ["true"], HostConfig = new HostConfig { NetworkMode = "host" } };
        var request = Request(name, DockerTestEnvironment.Image);
        var id = await client.CreateContainerAsync(request, CancellationToken.None);
        try
        {
            var inUse = await Assert.ThrowsAsync<DockerApiException>(() => client.CreateContainerAsync(request, CancellationToken.None));
            Assert.Equal(DockerErrorKind.Conflict, inUse.Kind);
            Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
            Assert.Contains("is already in use", inUse.Message, StringComparison.Ordinal);

            var badName = await Assert.ThrowsAsync<DockerApiException>(() => client.CreateContainerAsync(Request("-bad name", DockerTestEnvironment.Image), CancellationToken.None));
            Assert.Equal(DockerErrorKind.BadRequest, badName.Kind);

            var missing = await Assert.ThrowsAsync<DockerApiException>(() => client.CreateContainerAsync(Request(name + "-x", "autoscaling-no-such-image:1"), CancellationToken.None));
            Assert.Equal(DockerErrorKind.ImageNotFound, missing.Kind);
            Assert.Equal("No such image: autoscaling-no-such-image:1", missing.Message);
        }
        finally
        {
            Assert.True(await client.RemoveContainerAsync(id, CancellationToken.None));
        }

        Assert.False(await client.RemoveContainerAsync(id, CancellationToken.None));
        Assert.Null(await client.InspectContainerAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Unreachable_daemon_is_unavailable_not_a_hang()
    {
        var path = Path.Combine(Path.GetTempPath(), $"as-no-docker-{Guid.NewGuid():N}.sock");
        using var client = new DockerClient(DockerEndpoint.Parse("unix://" + path), TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<DockerApiException>(() => client.ListContainersAsync(["a=b"], CancellationToken.None));

        Assert.Equal(DockerErrorKind.Unavailable, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.StartsWith($"Docker at unix://{path} is unavailable (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"): the socket {path} does not exist (is dockerd running?)", error.Message, StringComparison.Ordinal);
        Assert.False(await client.PingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_call_that_runs_out_of_time_is_unavailable_and_a_cancelled_one_is_cancelled()
    {
        // A socket that accepts and never answers: only the client's own timeout or the caller can end a call.
        var path = Path.Combine(Path.GetTempPath(), $"as-silent-docker-{Guid.NewGuid():N}.sock");
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        listener.Listen(8);
        try
        {
            using var timed = new DockerClient(DockerEndpoint.Parse("unix://" + path), TimeSpan.FromMilliseconds(300));
            var timeout = await Assert.ThrowsAsync<DockerApiException>(() => timed.GetVersionAsync(CancellationToken.None));
            Assert.Equal(DockerErrorKind.Unavailable, timeout.Kind);
            Assert.Contains("is unavailable: it did not answer GET /version within 00:00:00.3", timeout.Message, StringComparison.Ordinal);

            using var patient = new DockerClient(DockerEndpoint.Parse("unix://" + path), TimeSpan.FromMinutes(5));
            using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => patient.GetVersionAsync(caller.Token));
            Assert.True(caller.IsCancellationRequested); // the caller's cancellation, not turned into a DockerApiException
        }
        finally
        {
            File.Delete(path);
        }
    }
}
