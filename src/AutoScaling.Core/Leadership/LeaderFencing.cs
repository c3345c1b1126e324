namespace AutoScaling;

/// <summary>
/// The fencing token of the action in progress, for providers and routers that can check or record it (a label on a
/// created container, a conditional write). The controller sets it around each provider and router call it makes under
/// a lease; it flows with the call (an <see cref="AsyncLocal{T}"/>).
/// </summary>
public static class LeaderFencing
{
    private static readonly AsyncLocal<long> s_epoch = new();

    /// <summary>Gets the epoch of the lease the current call is made under; 0 when no election is configured.</summary>
    public static long CurrentEpoch => s_epoch.Value;

    /// <summary>Sets the epoch for the calls that follow in this asynchronous flow (the controller's actuator only).</summary>
    /// <param name="epoch">The epoch.</param>
    internal static void Enter(long epoch) => s_epoch.Value = epoch;
}
