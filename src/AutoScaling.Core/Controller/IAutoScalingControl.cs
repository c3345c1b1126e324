namespace AutoScaling;

/// <summary>Operates scaling groups at run time: status, recent events, pause and resume, manual targets. An HTTP API calls this.</summary>
/// <remarks>Every method that takes a group name throws <see cref="KeyNotFoundException"/> for an unknown group.</remarks>
public interface IAutoScalingControl
{
    /// <summary>Gets the names of the registered groups.</summary>
    IReadOnlyList<string> GroupNames { get; }

    /// <summary>Gets a group's state as of its last evaluation.</summary>
    /// <param name="group">The group's name.</param>
    /// <returns>The status.</returns>
    ScalingGroupStatus GetStatus(string group);

    /// <summary>Gets a group's recent scaling events, oldest first.</summary>
    /// <param name="group">The group's name.</param>
    /// <returns>The events.</returns>
    IReadOnlyList<ScalingEvent> GetEvents(string group);

    /// <summary>Pauses a group: it keeps being evaluated and reported, but its count does not change.</summary>
    /// <param name="group">The group's name.</param>
    void Pause(string group);

    /// <summary>Resumes a paused group.</summary>
    /// <param name="group">The group's name.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "Resume is the operation's name; VB callers can escape it.")]
    void Resume(string group);

    /// <summary>Sets a target count that replaces the policies' recommendation, or clears it.</summary>
    /// <param name="group">The group's name.</param>
    /// <param name="target">The target, within the group's min and max; <see langword="null"/> to return to the policies.</param>
    /// <exception cref="ArgumentOutOfRangeException">The target is outside the group's min and max.</exception>
    void SetManualTarget(string group, int? target);

    /// <summary>
    /// Wakes the group's loop for an evaluation now, rather than at its next interval. The loop runs it (never a second,
    /// concurrent one); requests made while an evaluation runs are answered by the next, which starts as soon as it ends.
    /// </summary>
    /// <param name="group">The group's name.</param>
    /// <param name="cancellationToken">Stops waiting (the evaluation still runs).</param>
    /// <returns>The decision of that evaluation, or <see langword="null"/> when it could not list the instances.</returns>
    Task<ScalingDecision?> EvaluateNowAsync(string group, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a manual target and waits for the evaluation that moves the group to it, step by step
    /// (<see cref="ScalingGroupOptions.MaxInstancesPerStep"/>). The target stays until <see cref="SetManualTarget"/> clears it.
    /// </summary>
    /// <param name="group">The group's name.</param>
    /// <param name="target">The target, within the group's min and max.</param>
    /// <param name="cancellationToken">Stops waiting; an action already started runs on.</param>
    /// <returns>The group's state after that evaluation and its action.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The target is outside the group's min and max.</exception>
    /// <exception cref="ScalingOperationConflictException">A scale action or another scale request of the group runs.</exception>
    Task<ScalingGroupStatus> ScaleAsync(string group, int target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the group's state, then its updates as they happen: first a <see cref="ScalingUpdateKind.Status"/> update
    /// with the state when watching began (taken after subscribing, so no update is lost between the two), then
    /// decisions, state changes and scaling events. Each watcher has a bounded
    /// buffer; one that reads too slowly loses its oldest updates and never slows the group down.
    /// </summary>
    /// <param name="group">The group's name.</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The updates, until cancelled.</returns>
    IAsyncEnumerable<ScalingUpdate> WatchAsync(string group, CancellationToken cancellationToken = default);
}
