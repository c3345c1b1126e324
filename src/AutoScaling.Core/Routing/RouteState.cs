namespace AutoScaling;

/// <summary>Whether a <see cref="RouteRegistration"/> receives traffic.</summary>
public enum RouteState : byte
{
    /// <summary>Registered, not receiving traffic: waiting for its first good health check, or failing its checks.</summary>
    Pending = 0,

    /// <summary>Receiving traffic.</summary>
    Routed = 1,

    /// <summary>Taking no new work; finishing what it has.</summary>
    Draining = 2,

    /// <summary>Taken out of service (by an operator or a scale-in that stopped half-way); left as it is.</summary>
    Maintenance = 3,
}
