using Microsoft.Extensions.Logging;

namespace AutoScaling.Docker;

/// <content>Logging.</content>
public sealed partial class DockerSwarmServiceProvider
{
    // Event ids are unique in the library: Core below 1000, Docker 1000-1999 (DockerSwarmServiceProvider 1101-; DockerContainerProvider 1001- once its file moves off 1-6).
    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Information, "Docker Swarm group '{Group}': service {Service} scaled {From} -> {To}; new instance {Instance}")]
        public static partial void ScaledUp(ILogger logger, string group, string service, ulong from, ulong to, string instance);

        [LoggerMessage(1102, LogLevel.Information, "Docker Swarm group '{Group}': service {Service} scaled {From} -> {To}; removed instance {Instance}")]
        public static partial void ScaledDown(ILogger logger, string group, string service, ulong from, ulong to, string instance);

        [LoggerMessage(1103, LogLevel.Debug, "Docker Swarm group '{Group}': service {Service} changed during update attempt {Attempt} ({Reason}); retrying with the new version")]
        public static partial void VersionConflict(ILogger logger, string group, string service, int attempt, string reason);

        [LoggerMessage(1104, LogLevel.Warning, "Docker Swarm group '{Group}': setting the replicas of {Service} back failed: {Reason}")]
        public static partial void UndoFailed(ILogger logger, string group, string service, string reason);

        [LoggerMessage(1105, LogLevel.Warning, "Docker Swarm group '{Group}': scaling {Service} down removed another slot than {Instance}; restoring the replicas and trying once more")]
        public static partial void SwarmChoseAnotherTask(ILogger logger, string group, string service, string instance);
    }
}
