using Microsoft.Extensions.Logging;

namespace AutoScaling.Processes;

/// <content>Log messages (source-generated; event ids 300-309 belong to process instances).</content>
internal sealed partial class ProcessInstanceProvider
{
    [LoggerMessage(300, LogLevel.Information, "Group {Group}: started process {Pid} on port {Port} (instance {Instance})")]
    private static partial void LogStarted(ILogger logger, string group, int pid, int port, string instance);

    [LoggerMessage(301, LogLevel.Information, "Group {Group}: port {Port} is in use by a process that is not ours; trying the next one")]
    private static partial void LogPortTaken(ILogger logger, string group, int port);

    [LoggerMessage(302, LogLevel.Information, "Group {Group}: stopping process {Pid} (instance {Instance}) with SIGTERM")]
    private static partial void LogStopping(ILogger logger, string group, int pid, string instance);

    [LoggerMessage(303, LogLevel.Warning, "Group {Group}: process {Pid} (instance {Instance}) did not exit within {Grace} of SIGTERM; sending SIGKILL")]
    private static partial void LogKilling(ILogger logger, string group, int pid, string instance, TimeSpan grace);

    [LoggerMessage(304, LogLevel.Warning, "Group {Group}: pid {Pid} of instance {Instance} now belongs to another process; forgetting the instance without signalling it")]
    private static partial void LogNotOurs(ILogger logger, string group, int pid, string instance);
}
