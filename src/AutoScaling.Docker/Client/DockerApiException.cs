using System.Net;

namespace AutoScaling.Docker;

/// <summary>A Docker Engine API call failed. <see cref="Exception.Message"/> carries Docker's own <c>message</c>.</summary>
internal sealed class DockerApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DockerApiException"/> class.</summary>
    public DockerApiException()
        : this(DockerErrorKind.Other, null, "Docker Engine API call failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DockerApiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public DockerApiException(string message)
        : this(DockerErrorKind.Other, null, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DockerApiException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public DockerApiException(string message, Exception? innerException)
        : this(DockerErrorKind.Other, null, message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DockerApiException"/> class.</summary>
    /// <param name="kind">The kind of error.</param>
    /// <param name="statusCode">The HTTP status, when the daemon answered.</param>
    /// <param name="message">Docker's message, or what failed.</param>
    /// <param name="innerException">The cause.</param>
    public DockerApiException(DockerErrorKind kind, HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>Gets the kind of error.</summary>
    public DockerErrorKind Kind { get; }

    /// <summary>Gets the HTTP status the daemon answered with, or <see langword="null"/> when it could not be reached.</summary>
    public HttpStatusCode? StatusCode { get; }
}
