using Microsoft.Extensions.Logging;

namespace AutoScaling.HAProxy;

internal sealed partial class HAProxyBackendPool
{
    internal static partial class Log
    {
        [LoggerMessage(2101, LogLevel.Debug, "HAProxy backend '{Backend}': applying a batch of {Count} changes.")]
        public static partial void BatchStarting(ILogger logger, string backend, int count);

        [LoggerMessage(2102, LogLevel.Information, "HAProxy backend '{Backend}': batch of {Count} changes applied.")]
        public static partial void BatchApplied(ILogger logger, string backend, int count);

        [LoggerMessage(2103, LogLevel.Warning, "HAProxy backend '{Backend}': batch failed and was undone ({UndoFailures} undo steps failed): {Error}")]
        public static partial void BatchUndone(ILogger logger, string backend, string error, int undoFailures);

        [LoggerMessage(2104, LogLevel.Warning, "HAProxy backend '{Backend}': server '{Server}' still had sessions at the drain deadline; they were cut.")]
        public static partial void SessionsCut(ILogger logger, string backend, string server);

        [LoggerMessage(2105, LogLevel.Error, "HAProxy backend '{Backend}': undo step '{Step}' failed: {Error}")]
        public static partial void UndoFailed(ILogger logger, string backend, string step, string error);
    }
}
