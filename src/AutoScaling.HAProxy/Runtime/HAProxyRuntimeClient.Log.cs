using Microsoft.Extensions.Logging;

namespace AutoScaling.HAProxy;

public sealed partial class HAProxyRuntimeClient
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "HAProxy runtime API: '{Command}' done.")]
        public static partial void CommandDone(ILogger logger, string command);

        [LoggerMessage(2, LogLevel.Warning, "HAProxy runtime API refused '{Command}': {Reply}")]
        public static partial void CommandRefused(ILogger logger, string command, string reply);
    }
}
