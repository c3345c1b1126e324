using Microsoft.Extensions.Logging;

namespace AutoScaling.AspNetCore;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "The AutoScaling control API at {Prefix} is open to anyone (AllowAnonymous = true): use this for local work only, and name ReadPolicy/WritePolicy anywhere else")]
    public static partial void Anonymous(ILogger logger, string prefix);
}
