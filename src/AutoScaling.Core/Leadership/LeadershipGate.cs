using AutoScaling.Telemetry;
using Microsoft.Extensions.Logging;

namespace AutoScaling.Leadership;

/// <summary>
/// Answers "may this host act on this group now?" from the group's election. The controller asks once per tick
/// (<see cref="Refresh"/>: leader or standby, and whether leadership was just gained) and the actuator again immediately
/// before each provider or router call (<see cref="TryAct"/>), so a lease that runs out during an action stops it.
/// </summary>
/// <remarks>Validity is measured on the injected <see cref="TimeProvider"/>'s monotonic timestamps, never wall time.</remarks>
internal sealed class LeadershipGate(ILeaderElection election, string group, TimeProvider time, AutoScalingInstruments instruments, ILogger logger)
{
    private long _refused;
    private long _epoch; // the epoch of the last tick's lease, 0 when standby; written by the controller only

    public string Election => election.Name;

    public long RefusedActions => Interlocked.Read(ref _refused);

    /// <summary>Reads the lease at the start of a tick; logs a gain or a loss.</summary>
    /// <returns>Whether this host may act, and whether it has just become the leader (or a new epoch began).</returns>
    public (bool Leader, bool Gained) Refresh()
    {
        var lease = election.Lease;
        var now = time.GetTimestamp();
        var epoch = lease.IsValidAt(now) ? lease.Epoch : 0;
        var previous = _epoch;
        _epoch = epoch;
        if (epoch == previous)
        {
            return (epoch != 0, false);
        }

        if (epoch != 0)
        {
            Log.LeadershipGained(logger, group, election.Name, epoch, time.GetElapsedTime(now, lease.ValidUntil));
            return (true, true);
        }

        Log.LeadershipLost(logger, group, election.Name, previous, lease.IsHeld ? "the lease ran out locally (no keep-alive answered in time)" : "the election has no lease for this host");
        return (false, false);
    }

    /// <summary>Checks the lease immediately before a provider or router call; counts and logs a refusal.</summary>
    /// <param name="epoch">The fencing token to carry with the call.</param>
    /// <param name="what">The call, for the log.</param>
    /// <returns>Whether the call may be made.</returns>
    public bool TryAct(out long epoch, string what)
    {
        var lease = election.Lease;
        if (lease.IsValidAt(time.GetTimestamp()))
        {
            epoch = lease.Epoch;
            return true;
        }

        epoch = 0;
        Refuse(what);
        return false;
    }

    /// <summary>Counts an action not taken for lack of a lease (a standby's decision to change, or a call refused mid-action).</summary>
    /// <param name="what">What was not done, for the log.</param>
    public void Refuse(string what)
    {
        Interlocked.Increment(ref _refused);
        instruments.RecordRefusedAction(group, election.Name);
        Log.ActionRefused(logger, group, election.Name, what);
    }

    /// <summary>The leadership part of the group's status.</summary>
    public LeadershipStatus Snapshot()
    {
        var lease = election.Lease;
        var now = time.GetTimestamp();
        var valid = lease.IsValidAt(now);
        return new LeadershipStatus
        {
            Election = election.Name,
            IsLeader = valid,
            Epoch = valid ? lease.Epoch : 0,
            LeaseValidUntil = valid ? time.GetUtcNow() + time.GetElapsedTime(now, lease.ValidUntil) : null,
            RefusedActions = RefusedActions,
        };
    }
}
