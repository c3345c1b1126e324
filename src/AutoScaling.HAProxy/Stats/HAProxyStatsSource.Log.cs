using Microsoft.Extensions.Logging;

namespace AutoScaling.HAProxy;

internal sealed partial class HAProxyStatsSource
{
    // HAProxy event ids 2000-2999; the stats source 2401-.
    private static partial class Log
    {
        [LoggerMessage(2401, LogLevel.Warning, "Group '{Group}', metric '{Metric}': HAProxy 'show stat' failed: {Error}")]
        public static partial void ReadFailed(ILogger logger, string group, string metric, string error);
    }
}
