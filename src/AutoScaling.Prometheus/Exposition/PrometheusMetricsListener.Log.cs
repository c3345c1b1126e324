using Microsoft.Extensions.Logging;

namespace AutoScaling.Prometheus;

internal sealed partial class PrometheusMetricsListener
{
    // Event ids are unique in the library: Core below 1000, Prometheus 3000-3999 (PrometheusMetricSource 3001-, PrometheusMetricsListener 3101-).
    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Information, "AutoScaling metrics are served in the Prometheus text format on {Url}")]
        public static partial void Listening(ILogger logger, string url);

        [LoggerMessage(3102, LogLevel.Debug, "A scrape of the AutoScaling metrics failed: {Error}")]
        public static partial void ScrapeFailed(ILogger logger, string error);
    }
}
