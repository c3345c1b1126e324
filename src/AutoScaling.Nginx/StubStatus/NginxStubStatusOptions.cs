namespace AutoScaling.Nginx;

/// <summary>
/// Options of <c>UseNginxStubStatus</c>: a metric read from NGINX's <c>stub_status</c> page
/// (<c>location = /nginx_status { stub_status; allow 127.0.0.1; deny all; }</c>). Named options keyed by the group's
/// and the metric's names.
/// </summary>
public sealed class NginxStubStatusOptions
{
    /// <summary>Gets or sets the page's address, for example <c>http://127.0.0.1:8080/nginx_status</c>.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Gets or sets which value the metric is; <see cref="NginxStubStatusField.RequestsPerSecond"/> by default.</summary>
    public NginxStubStatusField Field { get; set; } = NginxStubStatusField.RequestsPerSecond;

    /// <summary>Gets or sets how long one read may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>A value of NGINX's <c>stub_status</c> page.</summary>
public enum NginxStubStatusField
{
    /// <summary>Requests per second between the last two reads (missing until there are two, and after a counter reset).</summary>
    RequestsPerSecond = 0,

    /// <summary>Open client connections, waiting ones included.</summary>
    ActiveConnections = 1,

    /// <summary>Accepted client connections since NGINX started (a counter).</summary>
    Accepts = 2,

    /// <summary>Handled client connections since NGINX started (a counter).</summary>
    Handled = 3,

    /// <summary>Client requests since NGINX started (a counter).</summary>
    Requests = 4,

    /// <summary>Connections where NGINX reads the request header.</summary>
    Reading = 5,

    /// <summary>Connections where NGINX works on the request or writes the response.</summary>
    Writing = 6,

    /// <summary>Idle keep-alive connections.</summary>
    Waiting = 7,
}
