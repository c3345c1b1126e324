using Microsoft.Extensions.Logging;

namespace AutoScaling.Docker;

/// <content>Logging.</content>
public sealed partial class DockerContainerProvider
{
    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Docker group '{Group}': container {ContainerId} started at {Address} in {ElapsedMs:F0} ms")]
        public static partial void Provisioned(ILogger logger, string group, string containerId, string address, double elapsedMs);

        [LoggerMessage(1002, LogLevel.Information, "Docker group '{Group}': container {ContainerId} at {Address} stopped and removed")]
        public static partial void Decommissioned(ILogger logger, string group, string containerId, string address);

        [LoggerMessage(1003, LogLevel.Information, "Docker group '{Group}': port {Port} skipped: {Reason}")]
        public static partial void PortSkipped(ILogger logger, string group, int port, string reason);

        [LoggerMessage(1004, LogLevel.Warning, "Docker group '{Group}': container {ContainerId} on port {Port} failed to start and was removed: {Reason}")]
        public static partial void RemovedAfterFailure(ILogger logger, string group, string containerId, int port, string reason);

        [LoggerMessage(1005, LogLevel.Warning, "Docker group '{Group}': container {ContainerId} could not be removed yet ({Reason}); retrying on the next call")]
        public static partial void RemovalDeferred(ILogger logger, string group, string containerId, string reason);

        [LoggerMessage(1006, LogLevel.Information, "Docker group '{Group}': container {ContainerId} left by an earlier failure is now removed")]
        public static partial void RemovalRetried(ILogger logger, string group, string containerId);
    }
}
