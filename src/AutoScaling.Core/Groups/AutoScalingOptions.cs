namespace AutoScaling;

/// <summary>Settings shared by every scaling group of a host.</summary>
public sealed class AutoScalingOptions
{
    /// <summary>Gets or sets how many provider operations may run at once across all groups, so a burst never floods dockerd or HAProxy.</summary>
    public int MaxConcurrentOperations { get; set; } = 8;
}
