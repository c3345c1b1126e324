using Microsoft.Extensions.Logging;

namespace AutoScaling;

/// <content>Leadership: gain, loss, refused actions.</content>
internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Warning, "Group {Group}: leader in election {Election} (epoch {Epoch}, lease valid for {ValidFor}); adopting what the provider lists")]
    public static partial void LeadershipGained(ILogger logger, string group, string election, long epoch, TimeSpan validFor);

    [LoggerMessage(41, LogLevel.Warning, "Group {Group}: no longer leader in election {Election} (was epoch {Epoch}): {Why}; gathering and deciding only")]
    public static partial void LeadershipLost(ILogger logger, string group, string election, long epoch, string why);

    [LoggerMessage(42, LogLevel.Debug, "Group {Group}: not acting without a lease in election {Election}: {What}")]
    public static partial void ActionRefused(ILogger logger, string group, string election, string what);
}
