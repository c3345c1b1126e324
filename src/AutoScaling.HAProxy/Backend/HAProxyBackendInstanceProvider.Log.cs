using Microsoft.Extensions.Logging;

namespace AutoScaling.HAProxy;

public sealed partial class HAProxyBackendInstanceProvider
{
    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "Instance '{Instance}' registered in HAProxy backend '{Backend}' as server '{Server}'.")]
        public static partial void Registered(ILogger logger, string instance, string backend, string server);

        [LoggerMessage(21, LogLevel.Information, "Instance '{Instance}' drained and deregistered from HAProxy backend '{Backend}' (server '{Server}', sessions cut at the deadline: {Cut}).")]
        public static partial void Deregistered(ILogger logger, string instance, string backend, string server, bool cut);

        [LoggerMessage(22, LogLevel.Error, "Instance '{Instance}' failed to join HAProxy and could not be cleaned up: {Error}")]
        public static partial void CleanupFailed(ILogger logger, string instance, string error);
    }
}
