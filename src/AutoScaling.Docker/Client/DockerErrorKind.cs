namespace AutoScaling.Docker;

/// <summary>What kind of error the Docker Engine API reported.</summary>
internal enum DockerErrorKind
{
    /// <summary>An error not classified further; see the message.</summary>
    Other = 0,

    /// <summary>The daemon could not be reached (socket missing, connection refused or cut, timeout).</summary>
    Unavailable,

    /// <summary>The object (container, service, task) does not exist (404).</summary>
    NotFound,

    /// <summary>The image does not exist locally and could not be pulled (404 <c>No such image</c>).</summary>
    ImageNotFound,

    /// <summary>A conflict (409), for example the container name is already in use.</summary>
    Conflict,

    /// <summary>The request was invalid (400), for example a bad container name.</summary>
    BadRequest,

    /// <summary>The node is not a swarm manager, or not part of a swarm (503).</summary>
    NotSwarmManager,

    /// <summary>A swarm object was updated with a stale version index (<c>update out of sequence</c>).</summary>
    VersionConflict,

    /// <summary>The daemon speaks an API version older than this client needs.</summary>
    UnsupportedApiVersion,
}
