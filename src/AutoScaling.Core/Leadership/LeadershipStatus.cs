namespace AutoScaling;

/// <summary>A group's leadership as of its last evaluation; <see langword="null"/> in <see cref="ScalingGroupStatus.Leadership"/> when no election is configured.</summary>
public sealed record LeadershipStatus
{
    /// <summary>Gets the election the group acts under.</summary>
    public required string Election { get; init; }

    /// <summary>Gets a value indicating whether this host is the leader (it acts) rather than a standby (it gathers and decides only).</summary>
    public bool IsLeader { get; init; }

    /// <summary>Gets the fencing token of the lease this host holds (0 while a standby).</summary>
    public long Epoch { get; init; }

    /// <summary>Gets until when the lease lets this host act (local estimate, before the server-side expiry), when it holds one.</summary>
    public DateTimeOffset? LeaseValidUntil { get; init; }

    /// <summary>Gets how many actions were refused for lack of a valid lease since the host started.</summary>
    public long RefusedActions { get; init; }
}
