namespace AutoScaling;

/// <summary>
/// One election: whether this host holds the lease that lets it act, and with which fencing token. Implementations (such
/// as etcd's) campaign in the background and publish an immutable <see cref="LeaderLease"/>; the controller reads it
/// before every provider or router call.
/// </summary>
public interface ILeaderElection
{
    /// <summary>Gets the election's name (groups naming the same election share one leader).</summary>
    string Name { get; }

    /// <summary>Gets the lease held now; <see cref="LeaderLease.None"/> while this host is a standby.</summary>
    LeaderLease Lease { get; }
}
