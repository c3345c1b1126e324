namespace AutoScaling.HAProxy;

/// <summary>One server's line of <c>show stat</c> (CSV columns mapped by the header's names).</summary>
/// <param name="Backend">The backend's name (<c>pxname</c>).</param>
/// <param name="Name">The server's name (<c>svname</c>).</param>
/// <param name="CurrentSessions">Sessions on the server now (<c>scur</c>).</param>
/// <param name="CurrentQueue">Requests queued for the server (<c>qcur</c>).</param>
/// <param name="Status">The status text (<c>UP</c>, <c>DOWN</c>, <c>MAINT</c>, <c>DRAIN</c>, <c>NOLB</c>…).</param>
/// <param name="Weight">The effective weight (<c>weight</c>).</param>
/// <param name="SessionRate">Sessions per second over the last second (<c>rate</c>).</param>
/// <param name="TotalRequests">HTTP requests served (<c>req_tot</c>), when HAProxy reports it.</param>
/// <param name="ResponseTimeMilliseconds">Average response time over the last 1024 requests (<c>rtime</c>), when reported.</param>
/// <param name="CheckStatus">The last health check's status (<c>check_status</c>: <c>L4OK</c>, <c>L7OK</c>, <c>L4CON</c>, <c>INI</c>…).</param>
/// <param name="Address">The server's <c>ip:port</c> (<c>addr</c>); empty on the backend's row.</param>
/// <param name="TotalSessions">Sessions served (<c>stot</c>).</param>
/// <param name="IsBackend">Whether this is the backend's own row (<c>svname</c> <c>BACKEND</c>, <c>type</c> 1).</param>
internal sealed record HAProxyServerStat(
    string Backend,
    string Name,
    long CurrentSessions,
    long CurrentQueue,
    string Status,
    long Weight,
    long SessionRate,
    long? TotalRequests,
    long? ResponseTimeMilliseconds,
    string CheckStatus,
    string Address = "",
    long TotalSessions = 0,
    bool IsBackend = false);
