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
}
