using Microsoft.Extensions.Logging;

namespace AutoScaling.Prometheus;

internal sealed partial class PrometheusMetricsListener
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "AutoScaling metrics are served in the Prometheus text format on {Url}")]
        public static partial void Listening(ILogger logger, string url);

        [LoggerMessage(2, LogLevel.Debug, "A scrape of the AutoScaling metrics failed: {Error}")]
        public static partial void ScrapeFailed(ILogger logger, string error);
    }
}
