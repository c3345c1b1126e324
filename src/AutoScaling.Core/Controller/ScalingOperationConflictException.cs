namespace AutoScaling;

/// <summary>A scale request was refused because another operation of the group runs (a scale action, or another scale request).</summary>
public sealed class ScalingOperationConflictException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="ScalingOperationConflictException"/> class.</summary>
    /// <param name="group">The group's name.</param>
    public ScalingOperationConflictException(string group)
        : base($"Group '{group}': another operation is running (a scale action, or another scale request); try again when it ends.")
    {
        Group = group;
    }

    /// <summary>Gets the group's name.</summary>
    public string Group { get; }
}
