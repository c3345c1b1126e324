namespace AutoScaling.HAProxy;

/// <summary>Which value of HAProxy's <c>show stat</c> a <c>UseHAProxyStats</c> metric reads.</summary>
public enum HAProxyStatistic
{
    /// <summary>
    /// HTTP requests per second, from the <c>req_tot</c> counter (<c>stot</c>, sessions, in TCP mode) between this
    /// metric's two last reads: <see cref="MetricStatus.Missing"/> on the first read and after a counter reset (an HAProxy
    /// reload or restart), never negative.
    /// </summary>
    RequestRate = 0,

    /// <summary>Current sessions (<c>scur</c>).</summary>
    CurrentSessions = 1,

    /// <summary>Requests waiting in the queue (<c>qcur</c>), for servers with a <c>maxconn</c>.</summary>
    CurrentQueue = 2,

    /// <summary>
    /// Average response time in milliseconds over the last 1024 requests (<c>rtime</c>);
    /// <see cref="MetricStatus.Missing"/> until a request has been served.
    /// </summary>
    AverageResponseTime = 3,
}
