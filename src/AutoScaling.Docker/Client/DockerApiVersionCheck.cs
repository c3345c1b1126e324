using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Docker.Client;

/// <summary>
/// At host start, negotiates a group's Engine API version, so a daemon with no version in common with this client stops
/// the host with that message instead of failing every tick. A daemon that cannot be reached yet only logs: the
/// providers negotiate on their first call.
/// </summary>
internal sealed partial class DockerApiVersionCheck(string group, DockerClient client, ILogger<DockerApiVersionCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await client.NegotiateAsync(cancellationToken).ConfigureAwait(false);
            Log.Negotiated(logger, group, client.Endpoint.ToString(), version.ToString(2));
        }
        catch (DockerApiException e) when (e.Kind == DockerErrorKind.UnsupportedApiVersion)
        {
            throw new InvalidOperationException($"AutoScaling group '{group}': {e.Message}", e);
        }
        catch (DockerApiException e)
        {
            Log.NotYetReachable(logger, group, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1201, LogLevel.Information, "Docker group '{Group}': {Endpoint} speaks Engine API {ApiVersion}")]
        public static partial void Negotiated(ILogger logger, string group, string endpoint, string apiVersion);

        [LoggerMessage(1202, LogLevel.Warning, "Docker group '{Group}': the API version is not negotiated yet ({Reason}); the first call will")]
        public static partial void NotYetReachable(ILogger logger, string group, string reason);
    }
}
