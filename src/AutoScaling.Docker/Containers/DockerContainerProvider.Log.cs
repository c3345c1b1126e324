using Microsoft.Extensions.Logging;

namespace AutoScaling.Docker;

/// <content>Logging.</content>
public sealed partial class DockerContainerProvider
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Docker group '{Group}': container {ContainerId} is active at {Address} after {ElapsedMs:F0} ms")]
        public static partial void Provisioned(ILogger logger, string group, string containerId, string address, double elapsedMs);

        [LoggerMessage(2, LogLevel.Information, "Docker group '{Group}': container {ContainerId} at {Address} stopped and removed")]
        public static partial void Decommissioned(ILogger logger, string group, string containerId, string address);

        [LoggerMessage(3, LogLevel.Information, "Docker group '{Group}': port {Port} skipped: {Reason}")]
        public static partial void PortSkipped(ILogger logger, string group, int port, string reason);

        [LoggerMessage(4, LogLevel.Warning, "Docker group '{Group}': container {ContainerId} on port {Port} failed to start and was removed: {Reason}")]
        public static partial void RemovedAfterFailure(ILogger logger, string group, string containerId, int port, string reason);

        [LoggerMessage(5, LogLevel.Warning, "Docker group '{Group}': container {ContainerId} could not be removed yet ({Reason}); retrying on the next call")]
        public static partial void RemovalDeferred(ILogger logger, string group, string containerId, string reason);

        [LoggerMessage(6, LogLevel.Information, "Docker group '{Group}': container {ContainerId} left by an earlier failure is now removed")]
        public static partial void RemovalRetried(ILogger logger, string group, string containerId);
    }
}
