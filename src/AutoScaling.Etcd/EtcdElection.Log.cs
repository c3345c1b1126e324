using Microsoft.Extensions.Logging;

namespace AutoScaling.Etcd;

/// <content>The election's log messages.</content>
internal sealed partial class EtcdElection
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Election {Election}: elected (epoch {Epoch}, key {Key}, via {Endpoint})")]
        public static partial void Elected(ILogger logger, string election, long epoch, string key, string endpoint);

        [LoggerMessage(2, LogLevel.Warning, "Election {Election}: no keep-alive answered before the local deadline; stopped acting (was epoch {Epoch}, last endpoint {Endpoint})")]
        public static partial void LeaseRanOut(ILogger logger, string election, long epoch, string endpoint);

        [LoggerMessage(3, LogLevel.Warning, "Election {Election}: keep-alive failed ({Error}); acting for at most {Remaining} more")]
        public static partial void KeepAliveFailed(ILogger logger, string election, string error, TimeSpan remaining);

        [LoggerMessage(4, LogLevel.Warning, "Election {Election}: etcd no longer has lease {LeaseId}; campaigning again with a new lease")]
        public static partial void LeaseExpired(ILogger logger, string election, long leaseId);

        [LoggerMessage(5, LogLevel.Warning, "Election {Election}: etcd call failed: {Error}")]
        public static partial void EtcdFailed(ILogger logger, string election, string error);

        [LoggerMessage(6, LogLevel.Information, "Election {Election}: resigned (lease revoked, key {Key} deleted); a standby can take over at once")]
        public static partial void Resigned(ILogger logger, string election, string key);

        [LoggerMessage(7, LogLevel.Warning, "Election {Election}: could not revoke the lease on shutdown ({Error}); a standby takes over when it expires (at most {Ttl})")]
        public static partial void ResignFailed(ILogger logger, string election, string error, TimeSpan ttl);
    }
}
