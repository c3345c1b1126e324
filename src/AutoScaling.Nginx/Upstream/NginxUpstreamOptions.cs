namespace AutoScaling.Nginx;

/// <summary>
/// Options of <c>UseNginxUpstream</c>: the group's instances are the servers of one <c>upstream</c> block, in a file
/// this library owns and the user's configuration includes (<c>include /etc/nginx/autoscaling/web.conf;</c> inside
/// <c>http { }</c>). Each change rewrites the file atomically, checks the whole configuration with <c>nginx -t</c> and
/// reloads the master (SIGHUP); a configuration NGINX refuses is rolled back. Named options keyed by the group's name.
/// </summary>
public sealed class NginxUpstreamOptions
{
    /// <summary>Gets or sets the absolute path of the file this library owns; it holds only the <c>upstream</c> block.</summary>
    public string FilePath { get; set; } = string.Empty;

    /// <summary>Gets or sets the upstream's name, as the user's <c>proxy_pass http://NAME;</c> uses it.</summary>
    public string Upstream { get; set; } = string.Empty;

    /// <summary>Gets or sets how NGINX spreads requests over the servers; <see cref="NginxBalancing.LeastConnections"/> by default.</summary>
    public NginxBalancing Balancing { get; set; } = NginxBalancing.LeastConnections;

    /// <summary>Gets or sets the key of <see cref="NginxBalancing.Hash"/>, made of NGINX variables and letters (<c>$request_uri</c>, <c>$remote_addr$uri</c>).</summary>
    public string? HashKey { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="NginxBalancing.Hash"/> is consistent (ketama): adding a server moves few keys.</summary>
    public bool HashConsistent { get; set; }

    /// <summary>Gets the parameters written on every server line.</summary>
    public NginxServerParameters Server { get; } = new();

    /// <summary>Gets or sets the nginx binary: a file name looked up on <c>PATH</c> and in the sbin directories, or a full path.</summary>
    public string Binary { get; set; } = "nginx";

    /// <summary>Gets or sets the main configuration file the master runs with (<c>nginx -c</c>); <c>nginx -t</c> checks it with the owned file in it.</summary>
    public string ConfigurationPath { get; set; } = "/etc/nginx/nginx.conf";

    /// <summary>Gets or sets the prefix the master runs with (<c>nginx -p</c>), when it was started with one.</summary>
    public string? Prefix { get; set; }

    /// <summary>Gets or sets the master's pid file; the reload is a SIGHUP to that pid, so the host must run as the master's user (or root).</summary>
    public string PidFile { get; set; } = "/run/nginx.pid";

    /// <summary>Gets or sets how long <c>nginx -t</c> and a reload (new workers running the new configuration) may take.</summary>
    public TimeSpan ReloadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long a drain waits for the old workers to finish their requests and exit. Set it to NGINX's
    /// <c>worker_shutdown_timeout</c> (when set) or to the longest request you expect: past it the drain step is over.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The load-balancing method of an NGINX upstream.</summary>
public enum NginxBalancing
{
    /// <summary><c>least_conn</c>: the server with the fewest active connections.</summary>
    LeastConnections = 0,

    /// <summary>Weighted round robin, NGINX's default (no directive).</summary>
    RoundRobin = 1,

    /// <summary><c>ip_hash</c>: a client's address always picks the same server.</summary>
    IpHash = 2,

    /// <summary><c>hash KEY [consistent]</c>, with <see cref="NginxUpstreamOptions.HashKey"/>.</summary>
    Hash = 3,
}

/// <summary>Parameters of each <c>server</c> line; a parameter left <see langword="null"/> is not written and NGINX's default applies.</summary>
public sealed class NginxServerParameters
{
    /// <summary>Gets or sets <c>max_fails</c>: failed attempts within <see cref="FailTimeout"/> that make NGINX skip the server (0 disables).</summary>
    public int? MaxFails { get; set; }

    /// <summary>Gets or sets <c>fail_timeout</c>: the window for <see cref="MaxFails"/> and how long the server is then skipped.</summary>
    public TimeSpan? FailTimeout { get; set; }

    /// <summary>Gets or sets <c>weight</c>.</summary>
    public int? Weight { get; set; }

    /// <summary>Gets or sets <c>max_conns</c>: the most simultaneous connections to one server (0 means no limit).</summary>
    public int? MaxConnections { get; set; }

    /// <summary>Gets or sets <c>slow_start</c>. Only NGINX Plus builds accept it: open-source <c>nginx -t</c> refuses it and the change is rolled back.</summary>
    public TimeSpan? SlowStart { get; set; }
}
