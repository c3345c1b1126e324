namespace AutoScaling.HAProxy;

/// <summary>One server as <c>show servers state</c> reports it.</summary>
/// <param name="Backend">The backend's name.</param>
/// <param name="Id">The server's numeric id in the backend.</param>
/// <param name="Name">The server's name.</param>
/// <param name="Address">The server's IP address as HAProxy prints it (<c>0.0.0.0</c> for a free slot).</param>
/// <param name="Port">The server's port (0 for a free slot).</param>
/// <param name="Operational">The operational state (health).</param>
/// <param name="Admin">The administrative state flags.</param>
/// <param name="Weight">The user-set weight.</param>
/// <param name="SecondsSinceLastChange">Seconds since the last state change.</param>
/// <param name="CheckHealth">The check's health counter (rise/fall progress).</param>
/// <param name="CheckState">The check's state flags (<c>srv_check_state</c>: 0x02 configured, 0x04 enabled, 0x08 paused).</param>
internal sealed record HAProxyServerState(
    string Backend,
    int Id,
    string Name,
    string Address,
    int Port,
    HAProxyOperationalState Operational,
    HAProxyAdminState Admin,
    int Weight,
    long SecondsSinceLastChange,
    int CheckHealth,
    int CheckState)
{
    /// <summary>Gets a value indicating whether the server has a health check configured (<c>check</c> keyword or <c>enable health</c>).</summary>
    public bool HasCheck => (CheckState & 0x02) != 0;

    /// <summary>Gets a value indicating whether the server is in maintenance (forced, inherited or by DNS resolution).</summary>
    public bool IsInMaintenance => (Admin & HAProxyAdminState.AnyMaintenance) != 0;

    /// <summary>Gets a value indicating whether the server drains (no new requests), and is not in maintenance.</summary>
    public bool IsDraining => !IsInMaintenance && (Admin & HAProxyAdminState.AnyDrain) != 0;

    /// <summary>Gets a value indicating whether the server is a free <c>server-template</c> slot: in maintenance at <c>0.0.0.0:0</c>.</summary>
    public bool IsFreeSlot => IsInMaintenance && Port == 0 && Address is "0.0.0.0" or "::";

    /// <summary>Gets the server's address as <c>ip:port</c>, as <see cref="ScalingInstance.Address"/> writes it.</summary>
    public string Endpoint => Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}

/// <summary>A server's operational state (<c>srv_op_state</c>).</summary>
internal enum HAProxyOperationalState
{
    /// <summary>Down (0): failing checks, or in maintenance.</summary>
    Stopped = 0,

    /// <summary>Starting (1): coming up with a slow start.</summary>
    Starting = 1,

    /// <summary>Running (2): up.</summary>
    Running = 2,

    /// <summary>Stopping (3): going down.</summary>
    Stopping = 3,
}

/// <summary>A server's administrative state flags (<c>srv_admin_state</c>).</summary>
[Flags]
internal enum HAProxyAdminState
{
    /// <summary>No flag: ready.</summary>
    None = 0,

    /// <summary>Forced maintenance (<c>state maint</c>).</summary>
    ForcedMaintenance = 0x01,

    /// <summary>Maintenance inherited from a tracked server.</summary>
    InheritedMaintenance = 0x02,

    /// <summary>Declared <c>disabled</c> in the configuration (kept after <c>state ready</c>).</summary>
    ConfigMaintenance = 0x04,

    /// <summary>Forced drain (<c>state drain</c>).</summary>
    ForcedDrain = 0x08,

    /// <summary>Drain inherited from a tracked server.</summary>
    InheritedDrain = 0x10,

    /// <summary>Maintenance because DNS resolution failed.</summary>
    ResolutionMaintenance = 0x20,

    /// <summary>Every flag that means maintenance.</summary>
    AnyMaintenance = ForcedMaintenance | InheritedMaintenance | ResolutionMaintenance,

    /// <summary>Every flag that means drain.</summary>
    AnyDrain = ForcedDrain | InheritedDrain,
}
