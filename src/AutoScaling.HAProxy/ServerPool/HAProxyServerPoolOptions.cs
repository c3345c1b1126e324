namespace AutoScaling.HAProxy;

/// <summary>
/// Options of <c>UseHAProxyServerPool</c>: a fixed set of known servers (<c>java-service-1</c>…<c>5</c> on ports
/// 8080-8084) that scaling puts in service and drains, in declared order. Named options keyed by the group's name.
/// </summary>
public sealed class HAProxyServerPoolOptions : HAProxyPoolOptions
{
    /// <summary>Gets the servers, in the order they are put in service. Servers absent from the backend are added with <c>add server</c>.</summary>
    public IList<HAProxyPoolServer> Servers { get; } = new List<HAProxyPoolServer>();
}

/// <summary>One known server of a <see cref="HAProxyServerPoolOptions"/> pool.</summary>
public sealed class HAProxyPoolServer
{
    /// <summary>Gets or sets the server's name in the backend (<c>java-service-1</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the server's address as <c>ip:port</c> (<c>127.0.0.1:8080</c>).</summary>
    public string Address { get; set; } = string.Empty;
}
