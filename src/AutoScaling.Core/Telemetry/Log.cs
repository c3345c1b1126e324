using Microsoft.Extensions.Logging;

namespace AutoScaling;

/// <summary>The autoscaler's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Group {Group}: metric {Metric} failed: {Error}")]
    public static partial void MetricFailed(ILogger logger, string group, string metric, string? error);

    [LoggerMessage(2, LogLevel.Information, "Group {Group}: scaling {From} -> {To} ({Reason}, recommended {Recommended})")]
    public static partial void Scaling(ILogger logger, string group, int from, int to, ScalingReason reason, int recommended);

    [LoggerMessage(3, LogLevel.Debug, "Group {Group}: keeping {Current} ({Reason}, recommended {Recommended})")]
    public static partial void Holding(ILogger logger, string group, int current, ScalingReason reason, int recommended);

    [LoggerMessage(4, LogLevel.Information, "Group {Group}: dry run, would scale {From} -> {To} ({Reason})")]
    public static partial void DryRun(ILogger logger, string group, int from, int to, ScalingReason reason);

    [LoggerMessage(5, LogLevel.Information, "Group {Group}: scaling {From} -> {To} ended {Outcome} at {Reached} in {Seconds:0.###} s")]
    public static partial void ActionEnded(ILogger logger, string group, int from, int to, ScalingOutcome outcome, int reached, double seconds);

    [LoggerMessage(6, LogLevel.Error, "Group {Group}: provisioning an instance failed")]
    public static partial void ProvisionFailed(ILogger logger, string group, Exception exception);

    [LoggerMessage(7, LogLevel.Warning, "Group {Group}: instance {Instance} did not become active within {Timeout} ({Reason}); removing it")]
    public static partial void StartTimedOut(ILogger logger, string group, string instance, TimeSpan timeout, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Group {Group}: instance {Instance} failed: {Reason}; removing it")]
    public static partial void InstanceFailed(ILogger logger, string group, string instance, string? reason);

    [LoggerMessage(9, LogLevel.Error, "Group {Group}: decommissioning instance {Instance} failed")]
    public static partial void DecommissionFailed(ILogger logger, string group, string instance, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "Group {Group}: started with {Count} existing instances adopted from the provider ({Active} active)")]
    public static partial void Adopted(ILogger logger, string group, int count, int active);

    [LoggerMessage(11, LogLevel.Error, "Group {Group}: evaluation failed")]
    public static partial void EvaluationFailed(ILogger logger, string group, Exception exception);

    [LoggerMessage(22, LogLevel.Error, "Group {Group}: evaluation failed: {Error}")]
    public static partial void ComponentFailed(ILogger logger, string group, string error);

    [LoggerMessage(23, LogLevel.Debug, "Group {Group}: evaluation failed again: {Error}")]
    public static partial void ComponentStillFailing(ILogger logger, string group, string error);

    [LoggerMessage(12, LogLevel.Error, "Group {Group}: metrics keep failing and the fallback is to fail; not scaling")]
    public static partial void MetricsFailed(ILogger logger, string group);

    [LoggerMessage(13, LogLevel.Information, "Group {Group}: {Action} by an operator")]
    public static partial void Operator(ILogger logger, string group, string action);

    [LoggerMessage(14, LogLevel.Warning, "Group {Group}: instance {Instance} is active but was not routed within {Timeout}; it stays registered")]
    public static partial void NotRouted(ILogger logger, string group, string instance, TimeSpan timeout);

    [LoggerMessage(15, LogLevel.Warning, "Group {Group}: router {Operation} failed: {Error}")]
    public static partial void RouterFailed(ILogger logger, string group, string operation, string error);

    [LoggerMessage(16, LogLevel.Information, "Group {Group}: {Failures} scale-ups in a row added nothing; next try in {Wait}")]
    public static partial void BackingOff(ILogger logger, string group, int failures, TimeSpan wait);

    [LoggerMessage(17, LogLevel.Information, "Group {Group}: registering {Count} active instances the router does not have")]
    public static partial void Registering(ILogger logger, string group, int count);

    [LoggerMessage(18, LogLevel.Information, "Group {Group}: removing {Count} registrations whose instance is gone: {Names}")]
    public static partial void RemovingOrphans(ILogger logger, string group, int count, string names);

    [LoggerMessage(19, LogLevel.Warning, "Group {Group}: keeping {Count} failed instances until replacements serve ({Ready} ready, minimum {Min})")]
    public static partial void KeepingFailed(ILogger logger, string group, int count, int ready, int min);

    [LoggerMessage(20, LogLevel.Error, "Group {Group}: the changed configuration was refused; the last good one stays in force. {Problems}")]
    public static partial void ReloadRefused(ILogger logger, string group, string problems);

    [LoggerMessage(21, LogLevel.Information, "Group {Group}: configuration reloaded (min {Min}, max {Max}, {Policies} policies); decision history kept")]
    public static partial void Reloaded(ILogger logger, string group, int min, int max, int policies);
}
