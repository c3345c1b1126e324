using Microsoft.Extensions.Logging;

namespace AutoScaling.Prometheus;

public sealed partial class PrometheusMetricSource
{
    // Event ids are unique in the library: Core below 1000, Prometheus 3000-3999 (PrometheusMetricSource 3001-, PrometheusMetricsListener 3101-).
    private static partial class Log
    {
        // Debug: the controller already logs every failed sample as a warning, with the same error.
        [LoggerMessage(3001, LogLevel.Debug, "AutoScaling group '{Group}', Prometheus metric '{Metric}': {Error}")]
        public static partial void QueryFailed(ILogger logger, string group, string metric, string error);

        [LoggerMessage(3002, LogLevel.Debug, "AutoScaling group '{Group}', Prometheus metric '{Metric}' read {Sample} in {ElapsedMs:0.0} ms")]
        public static partial void QueryRead(ILogger logger, string group, string metric, string sample, double elapsedMs);
    }
}
