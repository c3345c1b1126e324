using Microsoft.Extensions.Logging;

namespace AutoScaling.HAProxy;

internal sealed partial class HAProxyRuntimeClient
{
    // Event ids are unique in the library: Core below 1000, HAProxy 2000-2999 (HAProxyRuntimeClient 2001-, HAProxyBackendPool 2101-; HAProxyBackendInstanceProvider 2201- once its file moves off 20-22).
    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Debug, "HAProxy runtime API: '{Command}' done.")]
        public static partial void CommandDone(ILogger logger, string command);

        [LoggerMessage(2002, LogLevel.Warning, "HAProxy runtime API refused '{Command}': {Reply}")]
        public static partial void CommandRefused(ILogger logger, string command, string reply);
    }
}
