namespace AutoScaling.HAProxy;

/// <summary>
/// Options of <c>UseHAProxyBackend</c>: every instance of the group is registered as a server of an HAProxy backend once
/// active, and drained and deregistered before it is decommissioned. Named options keyed by the group's name. How long a
/// new instance may take to be routed is the group's <see cref="ScalingGroupOptions.InstanceStartTimeout"/>.
/// </summary>
public sealed class HAProxyBackendOptions : HAProxyPoolOptions
{
    /// <summary>
    /// Gets or sets the prefix of the servers this library adds (<c>as-</c> gives <c>as-127.0.0.1-19201</c>). Servers with
    /// this prefix are taken back after a restart; all others are left alone. With <see cref="UseSlots"/>, the
    /// <c>server-template</c> prefix (<c>web</c> for slots <c>web1</c>…).
    /// </summary>
    public string ServerNamePrefix { get; set; } = "as-";

    /// <summary>Gets or sets a value indicating whether instances take free <c>server-template</c> slots (<c>set server … addr …</c>) instead of <c>add server</c>.</summary>
    public bool UseSlots { get; set; }
}
