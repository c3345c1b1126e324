namespace AutoScaling;

/// <summary>Operates scaling groups at run time: pause, resume, manual targets, status. An HTTP API calls this.</summary>
public interface IAutoScalingControl
{
    /// <summary>Gets the names of the registered groups.</summary>
    IReadOnlyList<string> GroupNames { get; }
}
