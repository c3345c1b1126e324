using System.Net;

namespace AutoScaling.HAProxy;

/// <summary>One change in a batch applied to a backend by <see cref="HAProxyBackendPool.ApplyAsync"/>.</summary>
internal sealed class BackendChange
{
    private BackendChange(BackendChangeKind kind, string server, IPEndPoint? address)
    {
        Kind = kind;
        Server = server;
        Address = address;
    }

    /// <summary>Gets what the change does.</summary>
    public BackendChangeKind Kind { get; }

    /// <summary>Gets the server's name; for <see cref="BackendChangeKind.TakeSlot"/>, the <c>server-template</c> prefix.</summary>
    public string Server { get; }

    /// <summary>Gets the address, for changes that put a server in service.</summary>
    public IPEndPoint? Address { get; }

    /// <summary><c>add server … check</c> → <c>enable health</c> → <c>state ready</c> → <c>health down</c>: no request before the first good check.</summary>
    /// <param name="server">The new server's name.</param>
    /// <param name="address">Its address.</param>
    /// <returns>The change.</returns>
    public static BackendChange Add(string server, IPEndPoint address)
        => new(BackendChangeKind.Add, HAProxyNames.RequireName(server, "server"), address ?? throw new ArgumentNullException(nameof(address)));

    /// <summary>Takes a free <c>server-template</c> slot (in maintenance at <c>0.0.0.0:0</c>): <c>set server … addr … port …</c> → <c>state ready</c> → <c>health down</c>.</summary>
    /// <param name="slotPrefix">The template's prefix (<c>web</c> for slots <c>web1</c>…<c>web10</c>).</param>
    /// <param name="address">The address.</param>
    /// <returns>The change.</returns>
    public static BackendChange TakeSlot(string slotPrefix, IPEndPoint address)
        => new(BackendChangeKind.TakeSlot, HAProxyNames.RequireName(slotPrefix, "slot prefix"), address ?? throw new ArgumentNullException(nameof(address)));

    /// <summary>Puts a known server in service: if it is in maintenance, sets its address and makes it ready (after a good check); if absent, adds it.</summary>
    /// <param name="server">The server's name.</param>
    /// <param name="address">Its address.</param>
    /// <returns>The change.</returns>
    public static BackendChange Enable(string server, IPEndPoint address)
        => new(BackendChangeKind.Enable, HAProxyNames.RequireName(server, "server"), address ?? throw new ArgumentNullException(nameof(address)));

    /// <summary><c>state drain</c>: the server takes no new requests and stays in the backend.</summary>
    /// <param name="server">The server's name.</param>
    /// <returns>The change.</returns>
    public static BackendChange Drain(string server) => new(BackendChangeKind.Drain, HAProxyNames.RequireName(server, "server"), null);

    /// <summary><c>state drain</c> → sessions reach 0 (or the drain deadline cuts them) → <c>state maint</c>, and the server stays in maintenance.</summary>
    /// <param name="server">The server's name.</param>
    /// <returns>The change.</returns>
    public static BackendChange Disable(string server) => new(BackendChangeKind.Disable, HAProxyNames.RequireName(server, "server"), null);

    /// <summary><c>state drain</c> → sessions reach 0 (or the deadline) → <c>state maint</c> → <c>del server</c>.</summary>
    /// <param name="server">The server's name.</param>
    /// <returns>The change.</returns>
    public static BackendChange Remove(string server) => new(BackendChangeKind.Remove, HAProxyNames.RequireName(server, "server"), null);

    /// <summary><c>state drain</c> → sessions reach 0 (or the deadline) → <c>state maint</c> → <c>addr 0.0.0.0 port 0</c>: the slot is free again.</summary>
    /// <param name="server">The slot's server name.</param>
    /// <returns>The change.</returns>
    public static BackendChange FreeSlot(string server) => new(BackendChangeKind.FreeSlot, HAProxyNames.RequireName(server, "server"), null);

    /// <inheritdoc/>
    public override string ToString() => Address is null ? $"{Kind} {Server}" : $"{Kind} {Server} {HAProxyNames.Format(Address)}";
}

/// <summary>What a <see cref="BackendChange"/> does.</summary>
internal enum BackendChangeKind
{
    /// <summary>Adds a dynamic server.</summary>
    Add = 0,

    /// <summary>Takes a free <c>server-template</c> slot.</summary>
    TakeSlot = 1,

    /// <summary>Puts a known server in service.</summary>
    Enable = 2,

    /// <summary>Drains a server and keeps it.</summary>
    Drain = 3,

    /// <summary>Drains a server and puts it in maintenance.</summary>
    Disable = 4,

    /// <summary>Drains a server and deletes it.</summary>
    Remove = 5,

    /// <summary>Drains a slot and frees it.</summary>
    FreeSlot = 6,
}
