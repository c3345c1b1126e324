using Microsoft.Extensions.Logging;

namespace AutoScaling.Prometheus;

public sealed partial class PrometheusMetricSource
{
    private static partial class Log
    {
        // Debug: the controller already logs every failed sample as a warning, with the same error.
        [LoggerMessage(1, LogLevel.Debug, "AutoScaling group '{Group}', Prometheus metric '{Metric}': {Error}")]
        public static partial void QueryFailed(ILogger logger, string group, string metric, string error);

        [LoggerMessage(2, LogLevel.Debug, "AutoScaling group '{Group}', Prometheus metric '{Metric}' read {Sample} in {ElapsedMs:0.0} ms")]
        public static partial void QueryRead(ILogger logger, string group, string metric, string sample, double elapsedMs);
    }
}
