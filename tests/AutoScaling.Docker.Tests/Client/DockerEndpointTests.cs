using System.Net;
using AutoScaling.Docker.Client;

namespace AutoScaling.Docker.Tests.Client;

public sealed class DockerEndpointTests
{
    [Theory]
    [InlineData("unix:///var/run/docker.sock", "/var/run/docker.sock", "http://docker/")]
    [InlineData("tcp://127.0.0.1:2375", null, "http://127.0.0.1:2375/")]
    [InlineData("http://localhost:2375", null, "http://localhost:2375/")]
    public void Parses_unix_and_tcp(string value, string? socket, string baseAddress)
    {
        var endpoint = DockerEndpoint.Parse(value);
        Assert.Equal(socket, endpoint.SocketPath);
        Assert.Equal(new Uri(baseAddress), endpoint.BaseAddress);
    }

    [Theory]
    [InlineData("unix://relative.sock", "absolute socket path")]
    [InlineData("tcp://127.0.0.1", "with a port")]
    [InlineData("tcp://127.0.0.1:2375/path", "without a path")]
    [InlineData("https://127.0.0.1:2376", "TLS is not supported")]
    [InlineData("npipe:////./pipe/docker_engine", "not supported")]
    public void Rejects_what_it_cannot_use_saying_why(string value, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => DockerEndpoint.Parse(value));
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_value_wins_over_DOCKER_HOST()
        => Assert.Equal("/tmp/x.sock", DockerEndpoint.Resolve("unix:///tmp/x.sock", "tcp://127.0.0.1:2999").SocketPath);

    [Fact]
    public void DOCKER_HOST_is_used_when_nothing_is_configured()
        => Assert.Equal(new Uri("http://127.0.0.1:2999/"), DockerEndpoint.Resolve(null, "tcp://127.0.0.1:2999").BaseAddress);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Without_configuration_or_DOCKER_HOST_the_default_socket_is_used(string? dockerHost)
        => Assert.Equal("/var/run/docker.sock", DockerEndpoint.Resolve(" ", dockerHost).SocketPath);

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "No such image: x:latest", nameof(DockerErrorKind.ImageNotFound))]
    [InlineData(HttpStatusCode.NotFound, "No such container: abc", nameof(DockerErrorKind.NotFound))]
    [InlineData(HttpStatusCode.Conflict, "Conflict. The container name \"/a\" is already in use", nameof(DockerErrorKind.Conflict))]
    [InlineData(HttpStatusCode.BadRequest, "Invalid container name (-x)", nameof(DockerErrorKind.BadRequest))]
    [InlineData(HttpStatusCode.ServiceUnavailable, "This node is not a swarm manager. Use \"docker swarm init\"", nameof(DockerErrorKind.NotSwarmManager))]
    [InlineData(HttpStatusCode.InternalServerError, "rpc error: code = Unknown desc = update out of sequence", nameof(DockerErrorKind.VersionConflict))]
    [InlineData(HttpStatusCode.InternalServerError, "something else", nameof(DockerErrorKind.Other))]
    public void Classifies_errors(HttpStatusCode status, string message, string kind)
        => Assert.Equal(Enum.Parse<DockerErrorKind>(kind), DockerClient.Classify(status, message)); // by name: the enum is internal
}
