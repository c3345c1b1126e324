namespace AutoScaling;

/// <summary>Hands out the elections groups act under; registered by a leadership adapter such as <c>AddEtcdLeadership</c>.</summary>
/// <remarks>With no provider registered every host acts on every group (a single host, today's behaviour).</remarks>
public interface ILeaderElectionProvider
{
    /// <summary>Gets an election, starting to campaign in it on first use.</summary>
    /// <param name="name">The election a group named with <c>UseLeaderElection</c>, or <see langword="null"/> for the host-wide election.</param>
    /// <returns>The election.</returns>
    ILeaderElection GetElection(string? name);
}
