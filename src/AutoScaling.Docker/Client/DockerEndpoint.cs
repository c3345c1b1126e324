namespace AutoScaling.Docker.Client;

/// <summary>Where the Docker daemon listens: a unix socket or a plain TCP address (<c>DOCKER_HOST</c> syntax).</summary>
internal sealed record DockerEndpoint(string? SocketPath, Uri BaseAddress)
{
    /// <summary>The default daemon socket.</summary>
    public const string DefaultHost = "unix:///var/run/docker.sock";

    /// <summary>Resolves the endpoint: the configured value, else <c>DOCKER_HOST</c>, else the default socket.</summary>
    public static DockerEndpoint Resolve(string? configured)
        => Resolve(configured, Environment.GetEnvironmentVariable("DOCKER_HOST"));

    /// <summary>Resolves the endpoint from the configured value and a given <c>DOCKER_HOST</c> value, so tests need not change the process environment.</summary>
    internal static DockerEndpoint Resolve(string? configured, string? dockerHost)
    {
        var value = !string.IsNullOrWhiteSpace(configured) ? configured : dockerHost;
        return Parse(string.IsNullOrWhiteSpace(value) ? DefaultHost : value);
    }

    /// <summary>Parses <c>unix:///path</c>, <c>tcp://host:port</c> or <c>http://host:port</c>.</summary>
    /// <exception cref="ArgumentException">The value is not one of those.</exception>
    public static DockerEndpoint Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (TryParse(value, out var endpoint, out var error))
        {
            return endpoint;
        }

        throw new ArgumentException(error, nameof(value));
    }

    /// <summary>Parses an endpoint, giving the reason when it is not valid.</summary>
    public static bool TryParse(string value, out DockerEndpoint endpoint, out string error)
    {
        endpoint = null!;
        error = string.Empty;
        if (value.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = value["unix://".Length..];
            if (path.Length == 0 || path[0] != '/')
            {
                error = $"Docker host {ValidationMessages.Quote(value)} must name an absolute socket path, as in unix:///var/run/docker.sock";
                return false;
            }

            endpoint = new DockerEndpoint(path, new Uri("http://docker"));
            return true;
        }

        if (value.StartsWith("tcp://", StringComparison.Ordinal) || value.StartsWith("http://", StringComparison.Ordinal))
        {
            var http = "http://" + value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..];
            if (HasUserInfo(value))
            {
                // The value holds a credential: do not repeat it. The Docker API takes none in the address.
                error = "Docker host (an address with user info) is not supported: the Docker API takes no credentials in the address; use tcp://host:port";
                return false;
            }

            if (!Uri.TryCreate(http, UriKind.Absolute, out var uri) || uri.IsDefaultPort || uri.AbsolutePath != "/")
            {
                error = $"Docker host {ValidationMessages.Quote(value)} must be tcp://host:port (with a port, without a path)";
                return false;
            }

            endpoint = new DockerEndpoint(null, uri);
            return true;
        }

        error = $"Docker host {ValidationMessages.Quote(value)} is not supported; use unix:///path/to/docker.sock or tcp://host:port (TLS is not supported)";
        return false;
    }

    /// <summary>Whether a <c>tcp://</c> or <c>http://</c> value has user info (<c>user:password@</c>) before its host.</summary>
    public static bool HasUserInfo(string value)
    {
        var start = value.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var authority = value.AsSpan(start + 3);
        var end = authority.IndexOfAny('/', '?', '#');
        return (end < 0 ? authority : authority[..end]).Contains('@');
    }

    /// <summary>Gets the address Docker.DotNet connects to: <c>unix:///path</c> or <c>http://host:port</c>.</summary>
    public Uri EngineUri => SocketPath is null ? BaseAddress : new Uri("unix://" + SocketPath);

    /// <inheritdoc/>
    public override string ToString() => SocketPath is null ? BaseAddress.ToString() : "unix://" + SocketPath;
}
