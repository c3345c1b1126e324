using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

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
            if (!Version.TryParse(version.ApiVersion, out var server))
            {
                throw new DockerApiException(DockerErrorKind.Other, HttpStatusCode.OK, $"Docker at {Endpoint} reported an unreadable ApiVersion '{version.ApiVersion}'.");
            }

            var minimum = Version.TryParse(version.MinApiVersion, out var parsed) ? parsed : null;
            var chosen = DockerApiVersions.Choose(minimum, server) ?? throw new DockerApiException(
                DockerErrorKind.UnsupportedApiVersion,
                HttpStatusCode.OK,
                $"Docker at {Endpoint} speaks Engine API {minimum?.ToString(2) ?? "?"} to {server.ToString(2)}; this client speaks "
                + $"{DockerApiVersions.Oldest.ToString(2)} to {DockerApiVersions.Newest.ToString(2)}: no version in common.");

            _prefix = "/v" + chosen.ToString(2);
            ApiVersion = chosen;
            return chosen;
        }
        finally
        {
            _negotiate.Release();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, bool versioned, TimeSpan extraTimeout, CancellationToken cancellationToken)
    {
        if (versioned && _prefix is null)
        {
            await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_requestTimeout + extraTimeout);
        using var request = new HttpRequestMessage(method, versioned ? _prefix + path : path) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerApiException(DockerErrorKind.Unavailable, null, $"Docker at {Endpoint} did not answer {method} {path} within {_requestTimeout + extraTimeout}.", e);
        }
        catch (HttpRequestException e)
        {
            throw new DockerApiException(DockerErrorKind.Unavailable, null, $"Docker at {Endpoint} is unavailable ({method} {StripQuery(path)}): {Describe(e)}", e);
        }

        if ((int)response.StatusCode < 400)
        {
            return response;
        }

        using (response)
        {
            string message;
            try
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                message = ExtractMessage(text);
            }
            catch (HttpRequestException e)
            {
                message = Describe(e);
            }

            throw new DockerApiException(Classify(response.StatusCode, message), response.StatusCode, message);
        }
    }

    private static string ExtractMessage(string text)
    {
        if (text.Length == 0)
        {
            return "(no message)";
        }

        try
        {
            var error = JsonSerializer.Deserialize(text, DockerJsonContext.Default.DockerErrorResponse);
            if (!string.IsNullOrEmpty(error?.Message))
            {
                return error.Message;
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

    private static string StripQuery(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? path : path[..q];
    }

    private static string Describe(Exception e)
    {
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
