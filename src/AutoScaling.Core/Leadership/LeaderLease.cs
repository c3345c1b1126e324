namespace AutoScaling;

/// <summary>A lease to act, as this host holds it.</summary>
/// <param name="Epoch">The fencing token: grows with every new leader (etcd: the create revision of the election key); 0 for no lease.</param>
/// <param name="ValidUntil">
/// Until when this host may act, as a <see cref="TimeProvider.GetTimestamp"/> value of the election's time provider
/// (monotonic: a clock change cannot extend it). It ends before the lease can have expired on the server.
/// </param>
public readonly record struct LeaderLease(long Epoch, long ValidUntil)
{
    /// <summary>Gets the absence of a lease (a standby).</summary>
    public static LeaderLease None => default;

    /// <summary>Gets a value indicating whether this is a lease at all (it may have run out).</summary>
    public bool IsHeld => Epoch > 0;

    /// <summary>Tells whether the lease lets this host act at <paramref name="timestamp"/>.</summary>
    /// <param name="timestamp">A <see cref="TimeProvider.GetTimestamp"/> value of the same time provider.</param>
    /// <returns>Whether the lease is held and has not run out.</returns>
    public bool IsValidAt(long timestamp) => Epoch > 0 && timestamp < ValidUntil;
}
