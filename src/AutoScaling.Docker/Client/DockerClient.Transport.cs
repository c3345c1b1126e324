using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Engine = Docker.DotNet.DockerClient;

namespace AutoScaling.Docker.Client;

/// <content>Sending requests, version negotiation and error mapping.</content>
internal sealed partial class DockerClient
{
    /// <summary>
    /// Negotiates the API version once: the newest both the daemon (from its <c>/version</c> <c>MinAPIVersion</c> and
    /// <c>ApiVersion</c>) and this client (<see cref="DockerApiVersions"/>) speak.
    /// </summary>
    /// <exception cref="DockerApiException">Kind <see cref="DockerErrorKind.UnsupportedApiVersion"/> when the ranges do not overlap.</exception>
    public async Task<Version> NegotiateAsync(CancellationToken cancellationToken)
    {
        if (ApiVersion is { } known)
        {
            return known;
        }

        await _negotiate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ApiVersion is { } raced)
            {
                return raced;
            }

            var version = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
            if (!Version.TryParse(version.APIVersion, out var server))
            {
                throw new DockerApiException(DockerErrorKind.Other, HttpStatusCode.OK, $"Docker at {Endpoint} reported an unreadable ApiVersion '{version.APIVersion}'.");
            }

            var minimum = Version.TryParse(version.MinAPIVersion, out var parsed) ? parsed : null;
            var chosen = DockerApiVersions.Choose(minimum, server) ?? throw new DockerApiException(
                DockerErrorKind.UnsupportedApiVersion,
                HttpStatusCode.OK,
                $"Docker at {Endpoint} speaks Engine API {minimum?.ToString(2) ?? "?"} to {server.ToString(2)}; this client speaks "
                + $"{DockerApiVersions.Oldest.ToString(2)} to {DockerApiVersions.Newest.ToString(2)}: no version in common.");

            _versioned = Build(Endpoint, chosen);
            ApiVersion = chosen;
            return chosen;
        }
        finally
        {
            _negotiate.Release();
        }
    }

    private async Task<T> CallAsync<T>(string what, bool versioned, TimeSpan extraTimeout, Func<Engine, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var engine = versioned ? _versioned ?? await VersionedAsync(cancellationToken).ConfigureAwait(false) : _unversioned;
        var limit = _requestTimeout + extraTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            return await call(engine, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerApiException(DockerErrorKind.Unavailable, null, $"Docker at {Endpoint} is unavailable: it did not answer {what} within {limit}.", e);
        }
        catch (global::Docker.DotNet.DockerApiException e)
        {
            var message = ExtractMessage(e.ResponseBody ?? string.Empty);
            throw new DockerApiException(Classify(e.StatusCode, message), e.StatusCode, message, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
        {
            throw new DockerApiException(DockerErrorKind.Unavailable, null, $"Docker at {Endpoint} is unavailable ({what}): {Describe(e)}", e);
        }
    }

    private Task<bool> CallAsync(string what, bool versioned, TimeSpan extraTimeout, Func<Engine, CancellationToken, Task> call, CancellationToken cancellationToken)
        => CallAsync(what, versioned, extraTimeout, async (e, ct) => { await call(e, ct).ConfigureAwait(false); return true; }, cancellationToken);

    private async Task<Engine> VersionedAsync(CancellationToken cancellationToken)
    {
        await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        return _versioned!;
    }

    internal static string ExtractMessage(string text)
    {
        if (text.Length == 0)
        {
            return "(no message)";
        }

        try
        {
            using var error = JsonDocument.Parse(text);
            if (error.RootElement.ValueKind == JsonValueKind.Object
                && error.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } found)
            {
                return found;
            }
        }
        catch (JsonException)
        {
            // not JSON: use the text itself
        }

        return text.Length > 500 ? text[..500] : text.Trim();
    }

    internal static DockerErrorKind Classify(HttpStatusCode status, string message)
    {
        if (message.Contains("update out of sequence", StringComparison.OrdinalIgnoreCase))
        {
            return DockerErrorKind.VersionConflict;
        }

        if (message.Contains("not a swarm manager", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not part of a swarm", StringComparison.OrdinalIgnoreCase))
        {
            return DockerErrorKind.NotSwarmManager;
        }

        return status switch
        {
            HttpStatusCode.NotFound when message.StartsWith("No such image", StringComparison.OrdinalIgnoreCase) => DockerErrorKind.ImageNotFound,
            HttpStatusCode.NotFound when message.Contains("pull access denied", StringComparison.OrdinalIgnoreCase) => DockerErrorKind.ImageNotFound,
            HttpStatusCode.NotFound => DockerErrorKind.NotFound,
            HttpStatusCode.Conflict => DockerErrorKind.Conflict,
            HttpStatusCode.BadRequest => DockerErrorKind.BadRequest,
            HttpStatusCode.ServiceUnavailable => DockerErrorKind.NotSwarmManager,
            _ => DockerErrorKind.Other,
        };
    }

    private string Describe(Exception e)
    {
        // Connecting to a unix socket that is not there fails with a TCP-sounding "Cannot assign requested address".
        if (Endpoint.SocketPath is { } socketPath && !File.Exists(socketPath))
        {
            return $"the socket {socketPath} does not exist (is dockerd running?)";
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{socket.SocketErrorCode}: {socket.Message}");
            }
        }

        return e.Message;
    }
}
