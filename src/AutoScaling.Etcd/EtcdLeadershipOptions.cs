namespace AutoScaling.Etcd;

/// <summary>Settings of leader election on etcd (<c>AddEtcdLeadership</c>); bound from e.g. <c>AutoScaling:Leadership:Etcd</c>.</summary>
public sealed class EtcdLeadershipOptions
{
    /// <summary>Gets or sets the etcd client URLs (<c>http://127.0.0.1:2379</c>; <c>https://</c> for TLS). Calls go to one and move to the next when it fails.</summary>
    public IList<string> Endpoints { get; set; } = new List<string>();

    /// <summary>Gets or sets the lease's time to live on the server (whole seconds, at least 2 s). A killed leader's lease ends after it; a standby then takes over.</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how much sooner than the server the leader stops acting: it acts until the start of its last answered
    /// keep-alive plus <see cref="LeaseTtl"/> minus this margin (covers clock-rate drift and the server's own timing). Less than half the TTL.
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the deadline of each etcd call (grant, keep-alive, transaction, revoke).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how often a standby checks whether the election key is free (also its retry interval after an error).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the prefix of the election keys; an election's key is the prefix followed by its name.</summary>
    public string KeyPrefix { get; set; } = "/autoscaling/elections/";

    /// <summary>Gets or sets the host-wide election, used by groups that do not name one with <c>UseLeaderElection</c>.</summary>
    public string HostElection { get; set; } = "autoscaler";

    /// <summary>Gets or sets the value written in the election key while this host leads (shown by <c>etcdctl get</c>); machine name and process id when empty.</summary>
    public string? HostId { get; set; }

    /// <summary>Gets or sets the etcd user name, when etcd authentication is on (with <see cref="Password"/>).</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets the etcd user's password. Never logged nor shown in validation messages.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets a PEM file of the certificate authority that signed the etcd servers' certificates (<c>https://</c> endpoints); the system store when empty.</summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>Gets or sets a PEM client certificate for etcd's client-certificate authentication (with <see cref="ClientKeyFile"/>).</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>Gets or sets the PEM private key of <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }
}
